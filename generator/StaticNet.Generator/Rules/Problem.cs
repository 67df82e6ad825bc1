using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Rules;

/// <summary>A broken rule: which diagnostic, on which attribute, with which message arguments.</summary>
/// <param name="Descriptor">The diagnostic.</param>
/// <param name="AttributeIndex">The index of the offending shape attribute, or <see cref="OnNetworkAttribute"/>.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record Problem(DiagnosticDescriptor Descriptor, int AttributeIndex, object[] Arguments)
{
    /// <summary>The problem belongs on the [Network] attribute rather than on one shape attribute.</summary>
    public const int OnNetworkAttribute = -1;

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;
}
