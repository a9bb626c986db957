//===- MlirConvModule.cpp - Python bindings of the Conv2d layer -----------===//
//
// Part of mlir-conv. `mlir_conv.Conv2d` with the keyword arguments of
// Modular MAX's nn.Conv2d, weights as NumPy arrays, and a call on a NumPy
// array that JIT-compiles once per input shape. Errors of the C++ API
// (llvm::Error) become ValueError.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/API/Conv2d.h"
#ifdef MLIR_CONV_ENABLE_ONNX
#include "mlir-conv/API/Model.h"
#endif

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <variant>

namespace py = pybind11;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

namespace {

/// "int or tuple" arguments.
using IntOrTuple = std::variant<int64_t, std::vector<int64_t>>;

llvm::SmallVector<int64_t, 4> toVector(const IntOrTuple &value) {
  if (const auto *single = std::get_if<int64_t>(&value))
    return {*single};
  const auto &many = std::get<std::vector<int64_t>>(value);
  return llvm::SmallVector<int64_t, 4>(many.begin(), many.end());
}

/// Raises ValueError with the message of `err`.
[[noreturn]] void raise(llvm::Error err) {
  throw py::value_error(llvm::toString(std::move(err)));
}

template <typename T> T unwrapOrRaise(llvm::Expected<T> value) {
  if (!value)
    raise(value.takeError());
  return std::move(*value);
}

/// A dtype as a PyTorch or NumPy user gives it: our names ('f32'), NumPy's
/// and PyTorch's names ('float32', 'half', 'bfloat16'), a NumPy dtype or
/// scalar type (np.float16), or a torch dtype (torch.float32).
DType parseDType(const py::handle &given) {
  std::string name;
  if (py::isinstance<py::str>(given)) {
    name = given.cast<std::string>();
  } else {
    py::module_ numpy = py::module_::import("numpy");
    std::string text = py::str(given);
    if (llvm::StringRef(text).starts_with("torch."))
      name = text.substr(6);
    else
      try {
        name = py::str(numpy.attr("dtype")(given).attr("name"));
      } catch (py::error_already_set &) {
        name = text;
      }
  }
  std::optional<DType> dtype = parseDTypeName(name);
  if (!dtype)
    dtype = llvm::StringSwitch<std::optional<DType>>(name)
                .Cases({"float16", "half"}, DType::F16)
                .Case("bfloat16", DType::BF16)
                .Cases({"float32", "float"}, DType::F32)
                .Cases({"float64", "double"}, DType::F64)
                .Default(std::nullopt);
  if (!dtype)
    throw py::value_error(
        "dtype must be float16 ('f16'), bfloat16 ('bf16'), float32 ('f32') "
        "or float64 ('f64'), as a name, a NumPy dtype or a torch dtype; got '" +
        name + "'");
  return *dtype;
}

/// `value` as a NumPy array: an array as it is; an object with DLPack
/// (`__dlpack__`: a torch tensor, a CuPy array on the host, ...) through
/// numpy.from_dlpack, without a copy; anything else (`__array__`, the
/// buffer protocol, nested lists) through numpy.asarray.
py::array asArray(const py::handle &value) {
  if (py::isinstance<py::array>(value))
    return py::reinterpret_borrow<py::array>(value);
  py::module_ numpy = py::module_::import("numpy");
  if (py::hasattr(value, "__dlpack__"))
    try {
      return numpy.attr("from_dlpack")(value);
    } catch (py::error_already_set &) {
      // e.g. a tensor on a device NumPy cannot read: try __array__.
    }
  try {
    return numpy.attr("asarray")(value);
  } catch (py::error_already_set &e) {
    throw py::type_error(std::string("expected an array (NumPy, DLPack, "
                                     "__array__ or a buffer), got ") +
                         std::string(py::str(py::type::of(value))) + ": " +
                         e.what());
  }
}

/// The NumPy dtype that holds a tensor of `dtype` (bf16 travels as float32).
py::dtype numpyDType(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return py::dtype("float16");
  case DType::BF16:
  case DType::F32:
    return py::dtype("float32");
  case DType::F64:
    return py::dtype("float64");
  }
  return py::dtype("float32");
}

/// A tensor with the values of `array`: float16, float32 and float64 arrays
/// keep their type; `bf16` rounds float values to bfloat16 once.
Tensor fromNumpy(const py::array &array, bool bf16) {
  std::vector<int64_t> shape(array.shape(), array.shape() + array.ndim());
  if (bf16) {
    auto values =
        py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(
            array);
    if (!values)
      throw py::type_error("expected an array of numbers");
    Tensor tensor = unwrapOrRaise(Tensor::create(DType::BF16, shape));
    for (int64_t i = 0; i < tensor.numElements(); ++i)
      tensor.set(i, values.data()[i]);
    return tensor;
  }
  DType dtype;
  py::dtype kind = array.dtype();
  if (kind.is(py::dtype("float16")))
    dtype = DType::F16;
  else if (kind.is(py::dtype("float32")))
    dtype = DType::F32;
  else if (kind.is(py::dtype("float64")))
    dtype = DType::F64;
  else
    throw py::type_error("expected a float16, float32 or float64 array, got " +
                         std::string(py::str(kind)));
  py::array contiguous = py::array::ensure(array, py::array::c_style);
  Tensor tensor = unwrapOrRaise(Tensor::create(dtype, shape));
  std::memcpy(tensor.data(), contiguous.data(), tensor.sizeInBytes());
  return tensor;
}

/// A NumPy copy of `tensor` (bf16 widened exactly to float32).
py::array toNumpy(const Tensor &tensor) {
  std::vector<py::ssize_t> shape(tensor.shape().begin(), tensor.shape().end());
  py::array array(numpyDType(tensor.dtype()), shape);
  if (tensor.dtype() == DType::BF16) {
    auto *out = static_cast<float *>(array.mutable_data());
    for (int64_t i = 0; i < tensor.numElements(); ++i)
      out[i] = static_cast<float>(tensor.get(i));
  } else {
    std::memcpy(array.mutable_data(), tensor.data(), tensor.sizeInBytes());
  }
  return array;
}

/// The Python object: a Conv2d, created on construction. Calls run without
/// the GIL, so `weights` keeps a weight or bias assignment from another
/// thread out of a running call.
struct PyConv2d {
  std::optional<Conv2d> layer;
  std::unique_ptr<std::shared_mutex> weights =
      std::make_unique<std::shared_mutex>();

  bool isBF16() const { return layer->getOptions().dtype == DType::BF16; }
  /// `Conv2d(kernel_size=(3, 3), in_channels=16, ...)`, every argument
  /// expanded as the layer uses it.
  std::string repr() const {
    const Conv2dOptions &o = layer->getOptions();
    const Conv2DAttrs &a = layer->getAttrs();
    auto tuple = [](llvm::ArrayRef<int64_t> values) {
      return "(" +
             llvm::join(
                 llvm::map_range(values,
                                 [](int64_t v) { return std::to_string(v); }),
                 ", ") +
             ")";
    };
    int64_t kh = o.kernelSize.front(), kw = o.kernelSize.back();
    std::string text =
        "Conv2d(kernel_size=" + tuple({kh, kw}) +
        ", in_channels=" + std::to_string(o.inChannels) +
        ", out_channels=" + std::to_string(o.outChannels) + ", dtype='" +
        getDTypeName(o.dtype).str() + "', stride=" + tuple(a.strides) +
        ", padding=" + tuple(a.padding) + ", dilation=" + tuple(a.dilations) +
        ", num_groups=" + std::to_string(a.groups) +
        ", has_bias=" + (o.hasBias ? "True" : "False") +
        ", permute=" + (o.permute ? "True" : "False") + ", device='" +
        (o.device == Device::GPU ? "gpu" : "cpu") + "'";
    if (!o.name.empty())
      text += ", name='" + o.name + "'";
    return text + ")";
  }
  /// Converts `array` for the layer: a bf16 layer takes any numbers.
  Tensor convert(const py::handle &value) const {
    return fromNumpy(asArray(value), isBF16());
  }
};

#ifdef MLIR_CONV_ENABLE_ONNX
/// A compiled model: called with one array per input, returns one array (or
/// a tuple, for several outputs).
struct PyModel {
  std::shared_ptr<Model> model;
  std::string path;

  py::object call(const py::args &args) const {
    llvm::ArrayRef<TensorSpec> specs = model->getInputSpecs();
    if (args.size() != specs.size())
      throw py::value_error("the model takes " + std::to_string(specs.size()) +
                            " input(s), got " + std::to_string(args.size()));
    std::vector<Tensor> inputs;
    for (const py::handle &arg : args)
      inputs.push_back(fromNumpy(asArray(arg), /*bf16=*/false));
    std::vector<const Tensor *> pointers;
    for (const Tensor &t : inputs)
      pointers.push_back(&t);
    llvm::Expected<llvm::SmallVector<Tensor, 1>> outputs = [&] {
      py::gil_scoped_release release;
      return model->run(pointers);
    }();
    llvm::SmallVector<Tensor, 1> results = unwrapOrRaise(std::move(outputs));
    if (results.size() == 1)
      return toNumpy(results.front());
    py::tuple tuple(results.size());
    for (size_t i = 0; i < results.size(); ++i)
      tuple[i] = toNumpy(results[i]);
    return std::move(tuple);
  }

  std::string repr() const {
    std::string text = "<mlir_conv.Model '" + path + "': (";
    for (auto [i, spec] : llvm::enumerate(model->getInputSpecs()))
      text += (i ? ", " : "") + spec.str();
    text += ") -> (";
    for (auto [i, spec] : llvm::enumerate(model->getOutputSpecs()))
      text += (i ? ", " : "") + spec.str();
    return text + ")>";
  }
};
#endif

} // namespace

PYBIND11_MODULE(mlir_conv, m) {
  m.doc() = "mlir-conv: a JIT-compiled conv2d layer (Modular MAX nn.Conv2d)";

  py::class_<PyConv2d>(m, "Conv2d")
      .def(py::init([](IntOrTuple kernelSize, int64_t inChannels,
                       int64_t outChannels, const py::object &dtype,
                       IntOrTuple stride, IntOrTuple padding,
                       IntOrTuple dilation, int64_t numGroups,
                       std::optional<std::string> device, bool hasBias,
                       bool permute, std::optional<std::string> name,
                       bool freezeWeights, unsigned threads,
                       const std::string &strategy, const std::string &winograd,
                       bool exact, const std::string &targetCPU,
                       const std::string &targetFeatures) {
             Conv2dOptions options;
             options.kernelSize = toVector(kernelSize);
             options.inChannels = inChannels;
             options.outChannels = outChannels;
             options.dtype = parseDType(dtype);
             options.stride = toVector(stride);
             options.padding = toVector(padding);
             options.dilation = toVector(dilation);
             options.numGroups = numGroups;
             std::string deviceName = device.value_or("cpu");
             std::optional<Device> parsedDevice = parseDevice(deviceName);
             if (!parsedDevice)
               throw py::value_error("device must be 'cpu' or 'gpu', got '" +
                                     deviceName + "'");
             options.device = *parsedDevice;
             // The compile options, by the names the tools use.
             CompileOptions compile;
             compile.threads = threads;
             compile.exact = exact;
             compile.targetCPU = targetCPU;
             compile.targetFeatures = targetFeatures;
             std::optional<ConvStrategy> parsedStrategy =
                 parseConvStrategy(strategy);
             if (!parsedStrategy)
               throw py::value_error(
                   "strategy must be 'direct' or 'linalg', got '" + strategy +
                   "'");
             compile.strategy = *parsedStrategy;
             std::optional<WinogradPolicy> parsedWinograd =
                 parseWinogradPolicy(winograd);
             if (!parsedWinograd)
               throw py::value_error(
                   "winograd must be 'auto', 'never' or 'always', got '" +
                   winograd + "'");
             compile.winograd = *parsedWinograd;
             options.hasBias = hasBias;
             options.permute = permute;
             options.name = name.value_or("");
             options.freezeWeights = freezeWeights;
             PyConv2d self;
             self.layer = unwrapOrRaise(Conv2d::create(options, compile));
             return self;
           }),
           py::arg("kernel_size"), py::arg("in_channels"),
           py::arg("out_channels"), py::arg("dtype") = py::str("f32"),
           py::arg("stride") = 1, py::arg("padding") = 0,
           py::arg("dilation") = 1, py::arg("num_groups") = 1,
           py::arg("device") = py::none(), py::arg("has_bias") = false,
           py::arg("permute") = false, py::arg("name") = py::none(),
           py::arg("freeze_weights") = false, py::kw_only(),
           py::arg("threads") = 1, py::arg("strategy") = "direct",
           py::arg("winograd") = "auto", py::arg("exact") = false,
           py::arg("target_cpu") = "host", py::arg("target_features") = "host")
      .def_property(
          "weight",
          [](const PyConv2d &self) {
            std::shared_lock<std::shared_mutex> lock(*self.weights);
            return toNumpy(self.layer->weight());
          },
          [](PyConv2d &self, const py::object &value) {
            Tensor weight = self.convert(value);
            std::unique_lock<std::shared_mutex> lock(*self.weights);
            if (llvm::Error err = self.layer->setWeight(std::move(weight)))
              raise(std::move(err));
          },
          "(kh, kw, in/groups, out), or (out, in/groups, kh, kw) with "
          "permute; a copy")
      .def_property(
          "bias",
          [](const PyConv2d &self) {
            std::shared_lock<std::shared_mutex> lock(*self.weights);
            return toNumpy(self.layer->bias());
          },
          [](PyConv2d &self, const py::object &value) {
            Tensor bias = self.convert(value);
            std::unique_lock<std::shared_mutex> lock(*self.weights);
            if (llvm::Error err = self.layer->setBias(std::move(bias)))
              raise(std::move(err));
          },
          "(out,); zeros without has_bias; a copy")
      .def_property_readonly(
          "compilations",
          [](const PyConv2d &self) {
            return self.layer->getKernelCache().getNumCompilations();
          },
          "Kernels compiled so far (one per input shape)")
      .def("__repr__", &PyConv2d::repr)
      .def(
          "__call__",
          [](const PyConv2d &self, const py::object &x) {
            Tensor input = self.convert(x);
            llvm::Expected<Tensor> output = [&] {
              // Compiling and running do not touch Python objects.
              py::gil_scoped_release release;
              std::shared_lock<std::shared_mutex> lock(*self.weights);
              return self.layer->forward(input);
            }();
            return toNumpy(unwrapOrRaise(std::move(output)));
          },
          py::arg("x"), "Convolves x (NHWC, or NCHW with permute)");

#ifdef MLIR_CONV_ENABLE_ONNX
  py::class_<PyModel>(m, "Model")
      .def("__call__", &PyModel::call, "Runs the model on its inputs")
      .def("__repr__", &PyModel::repr)
      .def_property_readonly(
          "compile_seconds",
          [](const PyModel &self) {
            return self.model->getExecutable().getCompileSeconds();
          },
          "Seconds spent compiling (pass pipeline and LLVM)")
      .def_property_readonly(
          "lowering",
          [](const PyModel &self) {
            std::vector<std::string> lines;
            for (const auto &record :
                 self.model->getExecutable().getLoweringRecords())
              lines.push_back(record);
            return lines;
          },
          "How each conv was lowered, one line per conv");
  m.def(
      "compile_onnx",
      [](const std::string &path, unsigned threads, const py::dict &dims,
         const std::string &targetCPU, const std::string &targetFeatures) {
        CompileOptions compile;
        compile.threads = threads;
        compile.targetCPU = targetCPU;
        compile.targetFeatures = targetFeatures;
        OnnxImportOptions import;
        for (auto [name, extent] : dims)
          import.dimParams[name.cast<std::string>()] = extent.cast<int64_t>();
        llvm::Expected<std::unique_ptr<Model>> model = [&] {
          py::gil_scoped_release release;
          return Model::fromOnnxFile(path, compile, import);
        }();
        PyModel self;
        self.model = unwrapOrRaise(std::move(model));
        self.path = path;
        return self;
      },
      py::arg("path"), py::kw_only(), py::arg("threads") = 1,
      py::arg("dims") = py::dict(), py::arg("target_cpu") = "host",
      py::arg("target_features") = "host",
      "Imports the ONNX model at `path` and compiles it for this CPU; "
      "returns a callable Model. `dims` gives symbolic input dims, e.g. "
      "{'batch': 1}.");
#endif
}
