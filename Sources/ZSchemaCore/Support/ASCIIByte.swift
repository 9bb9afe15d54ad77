extension UInt8 {
    /// `A` to `Z`.
    var isASCIIUppercase: Bool { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") }
    /// `a` to `z`.
    var isASCIILowercase: Bool { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") }
    /// `0` to `9`.
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    /// An ASCII letter or digit.
    var isASCIIAlphanumeric: Bool { isASCIIUppercase || isASCIILowercase || isASCIIDigit }
}
