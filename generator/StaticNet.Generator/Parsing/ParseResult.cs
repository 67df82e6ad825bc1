using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// What parsing one [Network] class gives: the spec when the declaration is valid, and the diagnostics either way.
/// Only the spec travels down the generator's pipeline; the diagnostics are reported by <see cref="Diagnostics.NetworkAnalyzer"/>.
/// </summary>
internal sealed class ParseResult(NetworkSpec? spec, ImmutableArray<Diagnostic> diagnostics)
{
    public NetworkSpec? Spec { get; } = spec;

    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;
}
