//===- OneDNNConv.cpp - oneDNN's conv, for comparison ---------------------===//
//
// Part of mlir-conv. See OneDNNConv.h.
//
//===----------------------------------------------------------------------===//

#include "OneDNNConv.h"

#include <oneapi/dnnl/dnnl.h>

extern "C" void omp_set_num_threads(int);

using namespace mlir::conv;
using namespace mlir::conv::bench;

struct OneDNNConv::Impl {
  dnnl_engine_t engine = nullptr;
  dnnl_stream_t stream = nullptr;
  dnnl_primitive_desc_t pd = nullptr;
  dnnl_primitive_t conv = nullptr;
  dnnl_memory_t src = nullptr, weights = nullptr, dst = nullptr;

  ~Impl() {
    if (src)
      dnnl_memory_destroy(src);
    if (weights)
      dnnl_memory_destroy(weights);
    if (dst)
      dnnl_memory_destroy(dst);
    if (conv)
      dnnl_primitive_destroy(conv);
    if (pd)
      dnnl_primitive_desc_destroy(pd);
    if (stream)
      dnnl_stream_destroy(stream);
    if (engine)
      dnnl_engine_destroy(engine);
  }
};

OneDNNConv::~OneDNNConv() = default;

static llvm::Error check(dnnl_status_t status, const char *what) {
  if (status == dnnl_success)
    return llvm::Error::success();
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 std::string("oneDNN: ") + what +
                                     " failed (status " +
                                     std::to_string(int(status)) + ")");
}

llvm::Expected<std::unique_ptr<OneDNNConv>>
OneDNNConv::create(const ConvGeometry &g, const runtime::Tensor &input,
                   const runtime::Tensor &filter, runtime::Tensor &output) {
  std::unique_ptr<OneDNNConv> c(new OneDNNConv());
  c->impl = std::make_unique<Impl>();
  Impl &m = *c->impl;
  if (auto err = check(dnnl_engine_create(&m.engine, dnnl_cpu, 0), "engine"))
    return std::move(err);
  if (auto err = check(
          dnnl_stream_create(&m.stream, m.engine, dnnl_stream_default_flags),
          "stream"))
    return std::move(err);

  int64_t ocg = g.outChannelsPerGroup(), icg = g.inChannelsPerGroup();
  dnnl_dims_t srcDims = {g.batch, g.inChannels, g.inH, g.inW};
  dnnl_dims_t dstDims = {g.batch, g.outChannels, g.outH(), g.outW()};
  dnnl_memory_desc_t srcMd, dstMd, wAnyMd, wUserMd;
  dnnl_memory_desc_init_by_tag(&srcMd, 4, srcDims, dnnl_f32, dnnl_nhwc);
  dnnl_memory_desc_init_by_tag(&dstMd, 4, dstDims, dnnl_f32, dnnl_nhwc);
  if (g.groups == 1) {
    dnnl_dims_t w = {g.outChannels, g.inChannels, g.kernelH, g.kernelW};
    dnnl_memory_desc_init_by_tag(&wAnyMd, 4, w, dnnl_f32, dnnl_format_tag_any);
    dnnl_memory_desc_init_by_tag(&wUserMd, 4, w, dnnl_f32, dnnl_hwio);
  } else {
    dnnl_dims_t w = {g.groups, ocg, icg, g.kernelH, g.kernelW};
    dnnl_memory_desc_init_by_tag(&wAnyMd, 5, w, dnnl_f32, dnnl_format_tag_any);
    dnnl_memory_desc_init_by_tag(&wUserMd, 5, w, dnnl_f32, dnnl_hwigo);
  }
  dnnl_dims_t strides = {g.strideH, g.strideW};
  dnnl_dims_t dilates = {g.dilationH - 1, g.dilationW - 1};
  dnnl_dims_t padL = {g.padTop, g.padLeft}, padR = {g.padBottom, g.padRight};
  dnnl_convolution_desc_t desc;
  if (auto err = check(dnnl_dilated_convolution_forward_desc_init(
                           &desc, dnnl_forward_inference,
                           dnnl_convolution_direct, &srcMd, &wAnyMd, nullptr,
                           &dstMd, strides, dilates, padL, padR),
                       "convolution descriptor"))
    return std::move(err);
  if (auto err = check(
          dnnl_primitive_desc_create(&m.pd, &desc, nullptr, m.engine, nullptr),
          "primitive descriptor"))
    return std::move(err);
  if (auto err = check(dnnl_primitive_create(&m.conv, m.pd), "primitive"))
    return std::move(err);

  const dnnl_memory_desc_t *wMd =
      dnnl_primitive_desc_query_md(m.pd, dnnl_query_weights_md, 0);
  dnnl_memory_create(&m.src, &srcMd, m.engine,
                     const_cast<void *>(input.data()));
  dnnl_memory_create(&m.dst, &dstMd, m.engine, output.data());
  dnnl_memory_create(&m.weights, wMd, m.engine, DNNL_MEMORY_ALLOCATE);
  // Reorder the HWIO weights once, outside the timed calls.
  dnnl_memory_t user;
  dnnl_memory_create(&user, &wUserMd, m.engine,
                     const_cast<void *>(filter.data()));
  dnnl_primitive_desc_t rpd;
  dnnl_primitive_t reorder;
  llvm::Error err = check(dnnl_reorder_primitive_desc_create(
                              &rpd, &wUserMd, m.engine, wMd, m.engine, nullptr),
                          "weights reorder");
  if (!err) {
    dnnl_primitive_create(&reorder, rpd);
    dnnl_exec_arg_t args[] = {{DNNL_ARG_FROM, user}, {DNNL_ARG_TO, m.weights}};
    dnnl_primitive_execute(reorder, m.stream, 2, args);
    dnnl_stream_wait(m.stream);
    dnnl_primitive_destroy(reorder);
    dnnl_primitive_desc_destroy(rpd);
  }
  dnnl_memory_destroy(user);
  if (err)
    return std::move(err);
  return std::move(c);
}

void OneDNNConv::run() {
  dnnl_exec_arg_t args[] = {{DNNL_ARG_SRC, impl->src},
                            {DNNL_ARG_WEIGHTS, impl->weights},
                            {DNNL_ARG_DST, impl->dst}};
  dnnl_primitive_execute(impl->conv, impl->stream, 3, args);
  dnnl_stream_wait(impl->stream);
}

std::string OneDNNConv::implementation() const {
  const char *name = nullptr;
  dnnl_primitive_desc_query(impl->pd, dnnl_query_impl_info_str, 0, &name);
  return name ? name : "?";
}

void mlir::conv::bench::setOneDNNThreads(int threads) {
  omp_set_num_threads(threads);
}

llvm::Expected<std::string>
mlir::conv::bench::capOneDNNToTarget(const CpuTarget &target) {
  if (const char *env = std::getenv("ONEDNN_MAX_CPU_ISA"))
    return llvm::createStringError(
        llvm::Twine("ONEDNN_MAX_CPU_ISA=") + env +
        " is set: oneDNN keeps that cap rather than the target's");
  dnnl_cpu_isa_t isa = dnnl_cpu_isa_sse41;
  const char *name = "sse41";
  if (target.hasFeature("avx512bf16") && target.hasFeature("avx512bw")) {
    isa = dnnl_cpu_isa_avx512_core_bf16;
    name = "avx512_core_bf16";
  } else if (target.hasFeature("avx512vnni") && target.hasFeature("avx512bw")) {
    isa = dnnl_cpu_isa_avx512_core_vnni;
    name = "avx512_core_vnni";
  } else if (target.hasFeature("avx512bw") && target.hasFeature("avx512vl") &&
             target.hasFeature("avx512dq")) {
    isa = dnnl_cpu_isa_avx512_core;
    name = "avx512_core";
  } else if (target.hasFeature("avx2")) {
    isa = dnnl_cpu_isa_avx2;
    name = "avx2";
  } else if (target.hasFeature("avx")) {
    isa = dnnl_cpu_isa_avx;
    name = "avx";
  }
  if (dnnl_set_max_cpu_isa(isa) != dnnl_success)
    return llvm::createStringError(llvm::Twine("oneDNN refused the ISA cap ") +
                                   name);
  return std::string(name);
}
