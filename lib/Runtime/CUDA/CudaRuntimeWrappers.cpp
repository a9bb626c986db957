//===- CudaRuntimeWrappers.cpp - The mgpu* functions over the CUDA driver -===//
//
// Part of mlir-conv. The functions that host code lowered by `gpu-to-llvm`
// calls (module load, launch, streams, events, device memory), implemented
// with the CUDA driver API. Built as libmlir_conv_cuda_runtime.so when CMake
// finds the CUDA toolkit; the JIT loads it for `--device=cuda`.
//
// Every driver call is checked. The first failure is kept (with the call and
// the driver's error name) and reported by mlirConvCudaTakeError, which the
// runtime calls after each invocation; later calls in the same invocation
// are skipped so that a failed allocation is never launched on. The error
// is per thread: compiled functions run on their caller's thread, so
// concurrent invocations never see each other's failures.
//
// mlirConvCudaKernelMilliseconds returns the device time of the kernels
// launched so far (CUDA events around each launch), for benchmarks.
//
//===----------------------------------------------------------------------===//

#include <cuda.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#define MLIR_CONV_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

thread_local std::string firstError;
std::mutex timeMutex;
double kernelMilliseconds = 0;

bool failed() { return !firstError.empty(); }

/// Records the first failing call; returns whether `result` is success.
bool check(CUresult result, const char *call) {
  if (result == CUDA_SUCCESS)
    return true;
  const char *name = nullptr;
  if (cuGetErrorName(result, &name) != CUDA_SUCCESS || !name)
    name = "unknown error";
  if (firstError.empty())
    firstError = std::string(call) + " failed: " + name;
  return false;
}
#define CHECK(call) check((call), #call)

/// The primary context of device 0, made current for the calling thread.
class ScopedContext {
public:
  ScopedContext() {
    static CUcontext context = [] {
      CUcontext ctx = nullptr;
      CUdevice device;
      if (CHECK(cuInit(0)) && CHECK(cuDeviceGet(&device, 0)))
        CHECK(cuDevicePrimaryCtxRetain(&ctx, device));
      return ctx;
    }();
    // A failed initialisation is reported to every thread that needs it.
    if (!context && firstError.empty())
      firstError = "no CUDA context: cuInit or the primary context failed";
    ok = context && CHECK(cuCtxPushCurrent(context));
  }
  ~ScopedContext() {
    if (ok)
      CHECK(cuCtxPopCurrent(nullptr));
  }
  bool ok = false;
};

} // namespace

MLIR_CONV_EXPORT CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  ScopedContext scope;
  CUmodule module = nullptr;
  if (scope.ok)
    CHECK(cuModuleLoadData(&module, data));
  return module;
}

MLIR_CONV_EXPORT CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  ScopedContext scope;
  CUmodule module = nullptr;
  if (!scope.ok)
    return module;
  // PTX: the driver compiles it for the device at hand.
  char log[4096] = {0};
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL, CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {reinterpret_cast<void *>(static_cast<intptr_t>(optLevel)),
                    log, reinterpret_cast<void *>(sizeof(log))};
  if (!CHECK(cuModuleLoadDataEx(&module, data, 3, options, values)) && log[0])
    std::fprintf(stderr, "mlir-conv cuda runtime: PTX JIT log: %s\n", log);
  return module;
}

MLIR_CONV_EXPORT void mgpuModuleUnload(CUmodule module) {
  if (module)
    CHECK(cuModuleUnload(module));
}

MLIR_CONV_EXPORT CUfunction mgpuModuleGetFunction(CUmodule module,
                                                  const char *name) {
  CUfunction function = nullptr;
  if (module)
    CHECK(cuModuleGetFunction(&function, module, name));
  return function;
}

MLIR_CONV_EXPORT void mgpuLaunchKernel(CUfunction function, intptr_t gridX,
                                       intptr_t gridY, intptr_t gridZ,
                                       intptr_t blockX, intptr_t blockY,
                                       intptr_t blockZ, int32_t smem,
                                       CUstream stream, void **params,
                                       void **extra, size_t /*paramsCount*/) {
  ScopedContext scope;
  if (!scope.ok || !function || failed())
    return;
  CUevent start = nullptr, stop = nullptr;
  bool timed = CHECK(cuEventCreate(&start, CU_EVENT_DEFAULT)) &&
               CHECK(cuEventCreate(&stop, CU_EVENT_DEFAULT)) &&
               CHECK(cuEventRecord(start, stream));
  CHECK(cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                       smem, stream, params, extra));
  if (timed && CHECK(cuEventRecord(stop, stream)) &&
      CHECK(cuEventSynchronize(stop))) {
    float ms = 0;
    if (CHECK(cuEventElapsedTime(&ms, start, stop))) {
      std::lock_guard<std::mutex> lock(timeMutex);
      kernelMilliseconds += ms;
    }
  }
  if (start)
    CHECK(cuEventDestroy(start));
  if (stop)
    CHECK(cuEventDestroy(stop));
}

MLIR_CONV_EXPORT CUstream mgpuStreamCreate() {
  ScopedContext scope;
  CUstream stream = nullptr;
  if (scope.ok)
    CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  return stream;
}

MLIR_CONV_EXPORT void mgpuStreamDestroy(CUstream stream) {
  if (stream)
    CHECK(cuStreamDestroy(stream));
}

MLIR_CONV_EXPORT void mgpuStreamSynchronize(CUstream stream) {
  if (stream)
    CHECK(cuStreamSynchronize(stream));
}

MLIR_CONV_EXPORT void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  if (stream && event)
    CHECK(cuStreamWaitEvent(stream, event, /*flags=*/0));
}

MLIR_CONV_EXPORT CUevent mgpuEventCreate() {
  ScopedContext scope;
  CUevent event = nullptr;
  if (scope.ok)
    CHECK(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING));
  return event;
}

MLIR_CONV_EXPORT void mgpuEventDestroy(CUevent event) {
  if (event)
    CHECK(cuEventDestroy(event));
}

MLIR_CONV_EXPORT void mgpuEventSynchronize(CUevent event) {
  if (event)
    CHECK(cuEventSynchronize(event));
}

MLIR_CONV_EXPORT void mgpuEventRecord(CUevent event, CUstream stream) {
  if (event)
    CHECK(cuEventRecord(event, stream));
}

MLIR_CONV_EXPORT void *mgpuMemAlloc(uint64_t bytes, CUstream /*stream*/,
                                    bool isHostShared) {
  ScopedContext scope;
  CUdeviceptr ptr = 0;
  if (!scope.ok || failed() || bytes == 0)
    return reinterpret_cast<void *>(ptr);
  if (isHostShared)
    CHECK(cuMemAllocManaged(&ptr, bytes, CU_MEM_ATTACH_GLOBAL));
  else
    CHECK(cuMemAlloc(&ptr, bytes));
  return reinterpret_cast<void *>(ptr);
}

MLIR_CONV_EXPORT void mgpuMemFree(void *ptr, CUstream /*stream*/) {
  if (ptr)
    CHECK(cuMemFree(reinterpret_cast<CUdeviceptr>(ptr)));
}

MLIR_CONV_EXPORT void mgpuMemcpy(void *dst, void *src, size_t bytes,
                                 CUstream stream) {
  if (failed() || !dst || !src)
    return;
  CHECK(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                      reinterpret_cast<CUdeviceptr>(src), bytes, stream));
}

MLIR_CONV_EXPORT void mgpuMemset32(void *dst, unsigned value, size_t count,
                                   CUstream stream) {
  if (!failed() && dst)
    CHECK(cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                           stream));
}

/// The calling thread's first failure since its last call (empty: none),
/// then clears it. Returns the message length; copies at most `size - 1`
/// bytes to `buffer`.
MLIR_CONV_EXPORT size_t mlirConvCudaTakeError(char *buffer, size_t size) {
  size_t length = firstError.size();
  if (size > 0) {
    size_t n = length < size - 1 ? length : size - 1;
    std::memcpy(buffer, firstError.data(), n);
    buffer[n] = '\0';
  }
  firstError.clear();
  return length;
}

/// Device time of all kernels launched so far, in milliseconds.
MLIR_CONV_EXPORT double mlirConvCudaKernelMilliseconds() {
  std::lock_guard<std::mutex> lock(timeMutex);
  return kernelMilliseconds;
}
