# `cmake --install`: headers (with the generated .inc files), the libraries,
# conv-opt, conv-run and conv-compile, the mlir-opt plugin, and a CMake package so that embedders can
#   find_package(MlirConv) and link MlirConv::MlirConvAPI (C++ layer API),
#   MlirConv::MlirConvRuntime (JIT runtime) or MlirConv::MlirConvCAPI (C API).
# Our libraries are static and link Debian's libMLIR.so, like the build.
include(CMakePackageConfigHelpers)

set(MLIR_CONV_INSTALL_CMAKEDIR lib/cmake/MlirConv)
set(MLIR_CONV_INSTALLED_LIBS
  MlirConvConvIR MlirConvConvTransforms MlirConvConvToLinalg
  MlirConvConvToVector MlirConvConvToGPU MlirConvImportToConv MlirConvTransforms MlirConvPipelines MlirConvModelPipeline MlirConvInitAll
  MlirConvSupport MlirConvTarget MlirConvRuntime MlirConvAPI MlirConvCAPI)

install(TARGETS ${MLIR_CONV_INSTALLED_LIBS}
  EXPORT MlirConvTargets
  ARCHIVE DESTINATION lib
  LIBRARY DESTINATION lib
  INCLUDES DESTINATION include)

# The tools find libMLIR.so where Debian keeps it.
set_target_properties(conv-opt conv-run conv-compile PROPERTIES
  INSTALL_RPATH "\$ORIGIN/../lib;${LLVM_LIBRARY_DIR}")
install(TARGETS conv-opt conv-run conv-compile RUNTIME DESTINATION bin)
# The plugin for the stock mlir-opt (--load-dialect-plugin=/--load-pass-plugin=).
set_target_properties(MlirConvPlugin PROPERTIES
  INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
install(TARGETS MlirConvPlugin LIBRARY DESTINATION lib)
# The CUDA runtime wrappers --device=cuda loads (bin/../lib, see conv-run).
if(TARGET mlir_conv_cuda_runtime)
  install(TARGETS mlir_conv_cuda_runtime LIBRARY DESTINATION lib)
endif()

# Not the test harness's headers (include/mlir-conv/Testing): its library is
# not installed.
install(DIRECTORY include/mlir-conv include/mlir-conv-c
  DESTINATION include
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td"
  PATTERN "Testing" EXCLUDE)
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/mlir-conv
  DESTINATION include
  FILES_MATCHING PATTERN "*.inc"
  PATTERN "CMakeFiles" EXCLUDE)

install(EXPORT MlirConvTargets
  NAMESPACE MlirConv::
  DESTINATION ${MLIR_CONV_INSTALL_CMAKEDIR})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/MlirConvConfig.cmake.in
  ${PROJECT_BINARY_DIR}/${MLIR_CONV_INSTALL_CMAKEDIR}/MlirConvConfig.cmake
  INSTALL_DESTINATION ${MLIR_CONV_INSTALL_CMAKEDIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/${MLIR_CONV_INSTALL_CMAKEDIR}/MlirConvConfigVersion.cmake
  VERSION 0.1.0
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/${MLIR_CONV_INSTALL_CMAKEDIR}/MlirConvConfig.cmake
  ${PROJECT_BINARY_DIR}/${MLIR_CONV_INSTALL_CMAKEDIR}/MlirConvConfigVersion.cmake
  DESTINATION ${MLIR_CONV_INSTALL_CMAKEDIR})
