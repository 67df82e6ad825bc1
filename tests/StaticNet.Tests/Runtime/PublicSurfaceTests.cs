using System.ComponentModel;
using System.Reflection;

namespace StaticNet.Tests.Runtime;

/// <summary>What completion shows: the plumbing generated code calls is in StaticNet.Generated and hidden from it.</summary>
public class PublicSurfaceTests
{
    private static readonly Type[] Exported = typeof(INetwork).Assembly.GetExportedTypes();

    [Fact]
    public void Every_type_for_generated_code_is_in_its_own_namespace_and_hidden_from_completion()
    {
        Type[] plumbing = Exported.Where(t => t.Namespace == "StaticNet.Generated").ToArray();
        Assert.Equal(
            ["ActivationReference", "Activations", "AlignedFloats", "BatchNormalizationReference", "ChannelsLast", "Conv2DReference", "DenseReference", "DropoutReference", "EmbeddingReference", "GaussianNoiseReference", "ISimdWidth`1", "LossFunctions", "MaskedPooling", "Matrices", "Patches", "Pooling2DReference", "RandomFlipReference", "RandomTranslationReference", "RecurrentCell", "RecurrentGeometry", "RecurrentReference", "Regularization", "SampleLanes", "ShapeGuard", "Simd128", "Simd256", "Simd512", "Window2D"],
            plumbing.Select(t => t.Name).Order());
        foreach (Type type in plumbing)
        {
            Assert.Equal(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
        }

        Assert.Equal(["StaticNet", "StaticNet.Generated"], Exported.Select(t => t.Namespace).Distinct().Order());
    }

    [Fact]
    public void Unused_plumbing_is_gone()
    {
        Assert.Null(typeof(LossFunctions).GetMethod("Compute"));
    }
}
