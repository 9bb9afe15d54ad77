/// Generated files refer to one of these names, so code generated for a runtime that lacks what
/// it calls fails to compile with a message that names the mismatch instead of odd type errors.
///
/// Version 5 code decodes through ``FrameCursor``, borrowing the frames
/// (`init(frames: borrowing Frames)`). Version 4 code checks ASCII frames of simple patterns
/// inline and passes the check to the runtime (`FrameReader.capture(_:group:field:precheck:)`,
/// `FrameWriter.append(string:matching:message:field:precheck:)`, ...). Version 3 code reads and
/// writes little-endian numbers (`littleEndianInteger(_:field:)`, `append(littleEndianDouble:)`,
/// ...). Version 2 code checks string frames with
/// `FrameWriter.append(string:matching:message:field:)`. Code generated for versions 1 to 4
/// still compiles against this runtime.
public enum ZSchemaGeneratedCodeVersion5 {}

/// The fourth generated-code version; this runtime still has everything such code calls.
public typealias ZSchemaGeneratedCodeVersion4 = ZSchemaGeneratedCodeVersion5

/// The third generated-code version; this runtime still has everything such code calls.
public typealias ZSchemaGeneratedCodeVersion3 = ZSchemaGeneratedCodeVersion5

/// The second generated-code version; this runtime still has everything such code calls.
public typealias ZSchemaGeneratedCodeVersion2 = ZSchemaGeneratedCodeVersion5

/// The first generated-code version; this runtime still has everything such code calls.
public typealias ZSchemaGeneratedCodeVersion1 = ZSchemaGeneratedCodeVersion5
