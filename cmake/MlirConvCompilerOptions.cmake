# Project-wide compiler options: warnings and -Werror.
option(MLIR_CONV_ENABLE_WERROR "Treat compiler warnings as errors" OFF)

add_compile_options(-Wall -Wextra -Wno-unused-parameter)
if(MLIR_CONV_ENABLE_WERROR)
  add_compile_options(-Werror)
endif()
