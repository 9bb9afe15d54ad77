// The generated code for Schemas/ comes from ZSchemaPlugin; this file keeps the target non-empty.
