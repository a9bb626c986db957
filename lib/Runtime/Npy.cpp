//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// Part of mlir-conv. A bounds-checked .npy reader (safe on arbitrary bytes)
// and a writer. The header is a Python dict literal, parsed by a small
// recursive-descent parser that accepts exactly what numpy and hand-written
// files use: strings, True/False/None and tuples of integers.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Npy.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SwapByteOrder.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>

using namespace mlir::conv::runtime;
using llvm::StringRef;

/// The first six bytes of every .npy file.
static constexpr StringRef kMagic("\x93NUMPY", 6);

/// The descrs this reader accepts, for error messages.
static constexpr const char *kExpectedDescrs =
    "expected <f2, <f4, <f8 or <u2 for bf16 bits";

/// An error "<name>: <message>".
static llvm::Error makeError(StringRef name, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 llvm::Twine(name) + ": " + message);
}

/// `text` made safe for a one-line message: printable ASCII is kept, other
/// bytes become \xNN, and long strings are cut short.
static std::string sanitize(StringRef text) {
  constexpr size_t kMaxLength = 40;
  std::string result;
  for (size_t i = 0, e = std::min(text.size(), kMaxLength); i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      result += static_cast<char>(c);
      continue;
    }
    result += "\\x";
    result += llvm::hexdigit(c >> 4, /*LowerCase=*/true);
    result += llvm::hexdigit(c & 0xf, /*LowerCase=*/true);
  }
  if (text.size() > kMaxLength)
    result += "...";
  return result;
}

/// The descr written for `dtype`.
static StringRef getDescr(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "<f2";
  case DType::BF16:
    return "<u2";
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  }
  llvm_unreachable("unknown dtype");
}

/// The dtype of a supported descr, nullopt otherwise.
static std::optional<DType> parseDescr(StringRef descr) {
  if (descr == "<f2")
    return DType::F16;
  if (descr == "<u2")
    return DType::BF16;
  if (descr == "<f4")
    return DType::F32;
  if (descr == "<f8")
    return DType::F64;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

namespace {
/// The three entries of a .npy header dict.
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  llvm::SmallVector<int64_t, 4> shape;
};

/// Parses the header dict. On failure, `parse` returns false and `error`
/// holds a one-line description.
class HeaderParser {
public:
  /// Parses `text` (which must outlive the parser).
  explicit HeaderParser(StringRef text) : text(text) {}

  /// Parses the whole header into `header`.
  bool parse(NpyHeader &header);
  /// Why `parse` failed.
  const std::string &getError() const { return error; }

private:
  /// The kinds of values a header may contain.
  enum class ValueKind { String, Bool, None, Tuple };
  /// One parsed value; only the member of its kind is meaningful.
  struct Value {
    ValueKind kind = ValueKind::None;
    std::string string;
    bool boolean = false;
    llvm::SmallVector<int64_t, 4> tuple;
    bool tupleHasNegative = false;
  };

  /// Whether every character has been consumed.
  bool atEnd() const { return pos >= text.size(); }
  /// The current character, or NUL at the end.
  char peek() const { return atEnd() ? '\0' : text[pos]; }
  /// Skips spaces, tabs and line breaks.
  void skipSpace();
  /// Records "malformed header: <message>" and returns false.
  bool fail(const llvm::Twine &message);
  /// Fails saying what was found at the cursor and what was `expected`.
  bool failUnexpected(StringRef expected);
  /// Consumes `c` after optional whitespace.
  bool expect(char c);
  /// Parses a single- or double-quoted string literal.
  bool parseString(std::string &result);
  /// Parses a decimal integer with an optional '-' and Python 2 'L'.
  bool parseInteger(int64_t &result, bool &negative);
  /// Parses a tuple of integers; the cursor is on '('.
  bool parseTuple(Value &value);
  /// Parses any supported value.
  bool parseValue(Value &value);

  /// The header text, the cursor into it and the failure message.
  StringRef text;
  size_t pos = 0;
  std::string error;
};
} // namespace

void HeaderParser::skipSpace() {
  while (!atEnd() && (text[pos] == ' ' || text[pos] == '\t' ||
                      text[pos] == '\n' || text[pos] == '\r'))
    ++pos;
}

bool HeaderParser::fail(const llvm::Twine &message) {
  error = ("malformed header: " + message).str();
  return false;
}

bool HeaderParser::failUnexpected(StringRef expected) {
  if (atEnd())
    return fail("unexpected end, expected " + expected);
  return fail("unexpected '" + sanitize(text.substr(pos, 1)) + "' at offset " +
              llvm::Twine(pos) + ", expected " + expected);
}

bool HeaderParser::expect(char c) {
  skipSpace();
  if (atEnd() || peek() != c)
    return failUnexpected(std::string("'") + c + "'");
  ++pos;
  return true;
}

bool HeaderParser::parseString(std::string &result) {
  char quote = peek();
  if (atEnd() || (quote != '\'' && quote != '"'))
    return failUnexpected("a string");
  ++pos;
  result.clear();
  while (!atEnd()) {
    char c = text[pos++];
    if (c == quote)
      return true;
    if (c == '\\') {
      if (atEnd())
        break;
      c = text[pos++];
    }
    result += c;
  }
  return fail("unterminated string");
}

bool HeaderParser::parseInteger(int64_t &result, bool &negative) {
  negative = false;
  if (peek() == '-') {
    negative = true;
    ++pos;
  }
  if (atEnd() || !llvm::isDigit(peek()))
    return failUnexpected("an integer");
  uint64_t value = 0;
  constexpr uint64_t kLimit = static_cast<uint64_t>(INT64_MAX);
  while (!atEnd() && llvm::isDigit(peek())) {
    uint64_t digit = static_cast<uint64_t>(text[pos++] - '0');
    if (value > (kLimit - digit) / 10)
      return fail("integer does not fit int64");
    value = value * 10 + digit;
  }
  if (peek() == 'L') // Python 2 long suffix.
    ++pos;
  result =
      negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return true;
}

bool HeaderParser::parseTuple(Value &value) {
  value.kind = ValueKind::Tuple;
  ++pos; // '('
  bool sawComma = false;
  while (true) {
    skipSpace();
    if (peek() == ')') {
      ++pos;
      break;
    }
    int64_t element = 0;
    bool negative = false;
    if (!parseInteger(element, negative))
      return false;
    value.tuple.push_back(element);
    value.tupleHasNegative |= negative;
    skipSpace();
    if (peek() == ',') {
      ++pos;
      sawComma = true;
      continue;
    }
    if (peek() == ')') {
      ++pos;
      break;
    }
    return failUnexpected("',' or ')'");
  }
  // `(3)` is the integer 3 in Python, not a tuple.
  if (value.tuple.size() == 1 && !sawComma)
    return fail("'(n)' is not a tuple, write '(n,)'");
  return true;
}

bool HeaderParser::parseValue(Value &value) {
  skipSpace();
  char c = peek();
  if (!atEnd() && (c == '\'' || c == '"')) {
    value.kind = ValueKind::String;
    return parseString(value.string);
  }
  if (!atEnd() && c == '(')
    return parseTuple(value);
  StringRef rest = text.substr(pos);
  auto isIdentifierChar = [](char ch) {
    return llvm::isAlnum(ch) || ch == '_';
  };
  for (auto [word, kind, boolean] :
       {std::make_tuple(StringRef("True"), ValueKind::Bool, true),
        std::make_tuple(StringRef("False"), ValueKind::Bool, false),
        std::make_tuple(StringRef("None"), ValueKind::None, false)}) {
    if (rest.starts_with(word) &&
        (rest.size() == word.size() || !isIdentifierChar(rest[word.size()]))) {
      pos += word.size();
      value.kind = kind;
      value.boolean = boolean;
      return true;
    }
  }
  return failUnexpected("a string, True, False, None or a tuple");
}

bool HeaderParser::parse(NpyHeader &header) {
  if (!expect('{'))
    return false;
  bool sawDescr = false, sawFortran = false, sawShape = false;
  while (true) {
    skipSpace();
    if (peek() == '}') {
      ++pos;
      break;
    }
    std::string key;
    if (!parseString(key))
      return false;
    if (key != "descr" && key != "fortran_order" && key != "shape")
      return fail("unexpected key '" + sanitize(key) + "'");
    if (!expect(':'))
      return false;
    Value value;
    if (!parseValue(value))
      return false;
    if (key == "descr") {
      if (sawDescr)
        return fail("duplicate key 'descr'");
      sawDescr = true;
      if (value.kind != ValueKind::String)
        return fail("'descr' is not a string (structured dtypes are not "
                    "supported)");
      header.descr = value.string;
    } else if (key == "fortran_order") {
      if (sawFortran)
        return fail("duplicate key 'fortran_order'");
      sawFortran = true;
      if (value.kind != ValueKind::Bool)
        return fail("'fortran_order' is not True or False");
      header.fortranOrder = value.boolean;
    } else {
      if (sawShape)
        return fail("duplicate key 'shape'");
      sawShape = true;
      if (value.kind != ValueKind::Tuple)
        return fail("'shape' is not a tuple");
      if (value.tupleHasNegative)
        return fail("negative dimension in 'shape'");
      header.shape = value.tuple;
    }
    skipSpace();
    if (peek() == ',') {
      ++pos;
      continue;
    }
    if (peek() == '}') {
      ++pos;
      break;
    }
    return failUnexpected("',' or '}'");
  }
  // numpy pads the header with spaces and ends it with '\n'; tolerate NULs
  // too, which some writers use as padding.
  while (!atEnd() &&
         (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' ||
          text[pos] == '\r' || text[pos] == '\0'))
    ++pos;
  if (!atEnd())
    return failUnexpected("the end of the header");
  if (!sawDescr)
    return fail("missing key 'descr'");
  if (!sawFortran)
    return fail("missing key 'fortran_order'");
  if (!sawShape)
    return fail("missing key 'shape'");
  return true;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// Reverses the bytes of each of `count` elements of `elementSize` bytes.
static void swapElementBytes(void *data, int64_t count, size_t elementSize) {
  auto *bytes = static_cast<unsigned char *>(data);
  for (int64_t i = 0; i < count; ++i, bytes += elementSize)
    std::reverse(bytes, bytes + elementSize);
}

llvm::Expected<Tensor> mlir::conv::runtime::parseNpy(StringRef name,
                                                     StringRef bytes) {
  if (bytes.size() < kMagic.size() || !bytes.starts_with(kMagic))
    return makeError(name, "not a .npy file (bad magic)");
  if (bytes.size() < 8)
    return makeError(name, "truncated header: file ends before the version");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  unsigned minor = static_cast<unsigned char>(bytes[7]);
  size_t lengthSize;
  if (major == 1)
    lengthSize = 2;
  else if (major == 2 || major == 3)
    lengthSize = 4;
  else
    return makeError(name, "unsupported .npy format version " +
                               llvm::Twine(major) + "." + llvm::Twine(minor));
  size_t headerStart = 8 + lengthSize;
  if (bytes.size() < headerStart)
    return makeError(name,
                     "truncated header: file ends inside the header length");
  uint64_t headerLength =
      lengthSize == 2 ? llvm::support::endian::read16le(bytes.data() + 8)
                      : llvm::support::endian::read32le(bytes.data() + 8);
  uint64_t available = bytes.size() - headerStart;
  if (headerLength > available)
    return makeError(name, "truncated header: header length is " +
                               llvm::Twine(headerLength) + " bytes, file has " +
                               llvm::Twine(available));

  NpyHeader header;
  HeaderParser parser(bytes.substr(headerStart, headerLength));
  if (!parser.parse(header))
    return makeError(name, parser.getError());

  std::optional<DType> dtype = parseDescr(header.descr);
  if (!dtype) {
    StringRef why = kExpectedDescrs;
    if (StringRef(header.descr).starts_with(">"))
      why = "big-endian data is not supported; expected <f2, <f4, <f8 or <u2 "
            "for bf16 bits";
    return makeError(name, "unsupported dtype '" + sanitize(header.descr) +
                               "' (" + why + ")");
  }
  if (header.fortranOrder)
    return makeError(name, "fortran_order arrays are not supported");

  size_t elementSize = getDTypeSize(*dtype);
  std::optional<int64_t> count = 1;
  for (int64_t dim : header.shape)
    if (count)
      count = llvm::checkedMul(*count, dim);
  std::optional<int64_t> dataBytes;
  if (count)
    dataBytes = llvm::checkedMul(*count, static_cast<int64_t>(elementSize));
  if (!dataBytes)
    return makeError(name, "shape has too many elements (overflows int64)");

  uint64_t dataStart = headerStart + headerLength;
  uint64_t dataAvailable = bytes.size() - dataStart;
  if (static_cast<uint64_t>(*dataBytes) > dataAvailable)
    return makeError(name, "truncated: header says " + llvm::Twine(*dataBytes) +
                               " bytes of data, file has " +
                               llvm::Twine(dataAvailable));

  Tensor tensor(*dtype, header.shape);
  if (*dataBytes > 0)
    std::memcpy(tensor.data(), bytes.data() + dataStart,
                static_cast<size_t>(*dataBytes));
  if (!llvm::sys::IsLittleEndianHost)
    swapElementBytes(tensor.data(), *count, elementSize);
  return tensor;
}

llvm::Expected<Tensor> mlir::conv::runtime::readNpy(StringRef path,
                                                    std::optional<DType>) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (std::error_code ec = buffer.getError())
    return llvm::createStringError(ec, llvm::Twine(path) +
                                           ": cannot open: " + ec.message());
  return parseNpy(path, (*buffer)->getBuffer());
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

llvm::Error mlir::conv::runtime::writeNpy(StringRef path,
                                          const Tensor &tensor) {
  std::string dict = "{'descr': '" + getDescr(tensor.dtype()).str() +
                     "', 'fortran_order': False, 'shape': (";
  for (int64_t i = 0, e = tensor.rank(); i < e; ++i) {
    if (i)
      dict += ", ";
    dict += llvm::itostr(tensor.shape()[i]);
  }
  if (tensor.rank() == 1)
    dict += ',';
  dict += "), }";

  // Pad with spaces so that preamble + header (ending in '\n') is a multiple
  // of 64 bytes.
  size_t preamble = 10;
  size_t total = llvm::alignTo(preamble + dict.size() + 1, 64);
  if (total - preamble > UINT16_MAX) {
    preamble = 12;
    total = llvm::alignTo(preamble + dict.size() + 1, 64);
  }
  size_t headerLength = total - preamble;
  dict.append(headerLength - dict.size() - 1, ' ');
  dict += '\n';

  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(
        ec, llvm::Twine(path) + ": cannot open for writing: " + ec.message());
  os << kMagic;
  char lengthBytes[4];
  if (preamble == 10) {
    os << '\x01' << '\x00';
    llvm::support::endian::write16le(lengthBytes,
                                     static_cast<uint16_t>(headerLength));
    os.write(lengthBytes, 2);
  } else {
    os << '\x02' << '\x00';
    llvm::support::endian::write32le(lengthBytes,
                                     static_cast<uint32_t>(headerLength));
    os.write(lengthBytes, 4);
  }
  os << dict;
  if (llvm::sys::IsLittleEndianHost) {
    os.write(static_cast<const char *>(tensor.data()), tensor.sizeInBytes());
  } else {
    size_t elementSize = getDTypeSize(tensor.dtype());
    std::string swapped(static_cast<const char *>(tensor.data()),
                        tensor.sizeInBytes());
    swapElementBytes(swapped.data(), tensor.numElements(), elementSize);
    os << swapped;
  }
  os.close();
  if (os.has_error()) {
    ec = os.error();
    os.clear_error();
    return llvm::createStringError(ec, llvm::Twine(path) +
                                           ": write failed: " + ec.message());
  }
  return llvm::Error::success();
}
