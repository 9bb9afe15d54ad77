/// Generated files refer to this name, so code generated for another major version of the
/// runtime fails to compile with a message that names the mismatch instead of odd type errors.
public enum ZSchemaGeneratedCodeVersion1 {}
