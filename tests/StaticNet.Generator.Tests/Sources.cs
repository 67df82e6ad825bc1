namespace StaticNet.Generator.Tests;

/// <summary>Network declarations shared by the golden-file, compilation and caching tests.</summary>
internal static class Sources
{
    public const string Iris = """
        using StaticNet;

        namespace Samples.Iris;

        /// <summary>The Keras Iris example.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(4)]
        [Dense(10, Activation.ReLU)]
        [Dense(10, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class IrisNet;
        """;

    /// <summary>Global namespace, binary cross-entropy, LeakyReLU with its own slope, a one-unit output.</summary>
    public const string Binary = """
        using StaticNet;

        /// <summary>A binary classifier.</summary>
        [Network(Loss.BinaryCrossEntropy)]
        [Input(3)]
        [Dense(5, Activation.LeakyReLU, NegativeSlope = 0.1f)]
        [Dense(1, Activation.Sigmoid)]
        public partial class BinaryNet;
        """;

    /// <summary>Nested in a partial record, regression with MSE through Tanh and Sigmoid.</summary>
    public const string Nested = """
        using StaticNet;

        namespace Models.Regression
        {
            /// <summary>Holds the network.</summary>
            public partial record Outer
            {
                /// <summary>A regressor.</summary>
                [Network(Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(3, Activation.Tanh, KernelInitializer = Initializer.HeNormal)]
                [Dense(2, Activation.Sigmoid)]
                public partial class RegressionNet;
            }
        }
        """;

    /// <summary>Layers above the unroll limit, emitted as vectorised row loops, feeding an unrolled output.</summary>
    public const string Loops = """
        using StaticNet;

        namespace Samples;

        /// <summary>Wide hidden layers.</summary>
        [Network(Loss.CategoricalCrossEntropy)]
        [Input(20)]
        [Dense(17, Activation.ReLU)]
        [Dense(16, Activation.Sigmoid)]
        [Dense(4, Activation.Softmax)]
        public partial class WideNet;
        """;

    /// <summary>An MNIST-sized network: every layer a row loop.</summary>
    public const string Large = """
        using StaticNet;

        namespace Samples;

        /// <summary>784 → 512 → 256 → 10.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(784)]
        [Dense(512, Activation.ReLU)]
        [Dense(256, Activation.Tanh)]
        [Dense(10, Activation.Softmax)]
        public partial class MnistNet;
        """;

    /// <summary>The Iris shape forced to unrolled scalar code, the strategy the default gives only tiny layers.</summary>
    public const string Unrolled = """
        using StaticNet;

        namespace Samples;

        /// <summary>Iris, every layer unrolled.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy, Strategy = CodeStrategy.Unrolled)]
        [Input(4)]
        [Dense(10, Activation.ReLU)]
        [Dense(10, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class UnrolledIrisNet;
        """;

    /// <summary>The largest layers the SIMD strategy takes: 32 → 64 (256 vector operations), and 8 → 256 (256 as well).</summary>
    public const string LargestSimd = """
        using StaticNet;

        namespace Samples;

        /// <summary>Layers at the SIMD budget.</summary>
        [Network(Loss.MeanSquaredError)]
        [Input(32)]
        [Dense(64, Activation.Tanh)]
        [Dense(32, Activation.LeakyReLU)]
        [Dense(8, Activation.Sigmoid)]
        [Dense(256, Activation.Sigmoid)]
        public partial class WideSimdNet;
        """;

    /// <summary>Every layer kind: L2 on a kernel, batch normalisation and dropout, as a regularised digits classifier.</summary>
    public const string LayerKinds = """
        using StaticNet;

        namespace Samples;

        /// <summary>Regularised against overfitting.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(64)]
        [Dense(32, Activation.ReLU, L2 = 1e-4)]
        [BatchNormalization]
        [Dropout(0.3)]
        [Dense(10, Activation.Softmax)]
        public partial class RegularizedDigitsNet;
        """;

    /// <summary>An MNIST-sized network with every layer kind.</summary>
    public const string LargeLayerKinds = """
        using StaticNet;

        namespace Samples;

        /// <summary>784 → 512 → 10 with batch normalisation and dropout.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(784)]
        [Dense(512, Activation.ReLU, L1 = 1e-5, L2 = 1e-4)]
        [BatchNormalization(Momentum = 0.9)]
        [Dropout(0.5)]
        [Dense(10, Activation.Softmax)]
        public partial class LargeRegularizedNet;
        """;

    /// <summary>LeNet-5 as SimpleChains.jl publishes it, with an activation layer and Keras's batch normalisation per channel.</summary>
    public const string LeNet = """
        using StaticNet;

        namespace Samples;

        /// <summary>Handwritten digits, 28 × 28 × 1: two convolutions with max pooling, three Dense layers.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(28, 28, 1)]
        [Conv2D(6, 5, 5, Activation.ReLU)]
        [MaxPooling2D(2, 2)]
        [Conv2D(16, 5, 5)]
        [BatchNormalization]
        [Activation(Activation.ReLU)]
        [AveragePooling2D(2, 2)]
        [Flatten]
        [Dense(120, Activation.ReLU)]
        [GaussianNoise(0.1)]
        [Dense(84, Activation.ReLU)]
        [Dense(10)]
        [Activation(Activation.Softmax)]
        public partial class LeNet;
        """;

    public const string Recurrent = """
        using StaticNet;

        namespace Samples.Text;

        /// <summary>Token ids, embedded, two recurrent layers (a stream of steps), a softmax: it gets a streaming Step.</summary>
        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(20)]
        [Embedding(50, 8)]
        [GRU(16, ReturnSequences = true)]
        [Dropout(0.2)]
        [LSTM(8)]
        [Dense(8, Activation.ReLU)]
        [Dense(4)]
        [Activation(Activation.Softmax)]
        public partial class TextNet;
        """;

    public static IEnumerable<string> All => [Iris, Binary, Nested, Loops, Large, Unrolled, LargestSimd, LayerKinds, LargeLayerKinds, LeNet, Recurrent];
}
