using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// What parsing one [Network] class gives: the model when the declaration is valid, and the diagnostics either way.
/// Only the model travels down the generator's pipeline; the diagnostics are reported by <see cref="Diagnostics.NetworkAnalyzer"/>.
/// </summary>
internal sealed class ParseResult(NetworkModel? model, ImmutableArray<Diagnostic> diagnostics, NetworkSurface? surface = null)
{
    public NetworkModel? Model { get; } = model;

    /// <summary>For a declaration whose shape has errors but whose class is fine: the class to give a throwing public surface.</summary>
    public NetworkSurface? Surface { get; } = surface;

    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;
}
