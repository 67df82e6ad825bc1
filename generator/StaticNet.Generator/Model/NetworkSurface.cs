namespace StaticNet.Generator.Model;

/// <summary>
/// A [Network] class whose shape has errors (the IDs in <paramref name="Errors"/>): the generator gives it constructors
/// and the public members of a network, each throwing, so that code using the class does not add errors of its own
/// (<c>'N' does not contain a definition for 'Fit'</c>) in front of the SNET diagnostic that says what to fix.
/// </summary>
internal sealed record NetworkSurface(TypeIdentity Type, string Errors);
