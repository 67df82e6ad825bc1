// The plumbing that generated code calls lives in StaticNet.Generated, hidden from completion; the runtime uses it freely.
global using StaticNet.Generated;
