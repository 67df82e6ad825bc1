using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>Kernel regularisation as Keras's <c>kernel_regularizer</c>: the penalty in the reported loss, its gradient in the kernel's, none on biases.</summary>
public class RegularizationTests
{
    [Fact]
    public void The_penalty_is_in_the_loss_and_its_gradient_in_the_kernels_only()
    {
        INetwork net = new RegularizedNet(seed: 2);
        var (inputs, targets) = Batch(net, 8, seed: 3);
        double[] theta = Doubles(net.Parameters);
        double penalty = ReferenceMlp.Penalty(net, theta);
        Assert.True(penalty > 0.01);

        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, 8, gradient, new float[8], net.CreateWorkspace(8));
        double Loss(double[] p) => ReferenceMlp.BatchLoss(net, p, [], Doubles(inputs), Doubles(targets), 8, training: true, masks: null);
        Assert.Equal(Loss(theta), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, theta, Loss, "RegularizedNet");

        // The same network without the penalty: kernels' gradients differ by 8 × its gradient, biases' not at all.
        var plain = new float[net.ParameterCount];
        double unpenalized = 0;
        var prediction = new float[1];
        for (int s = 0; s < 8; s++)
        {
            unpenalized += net.TrainStep(inputs.AsSpan(s * 4, 4), targets.AsSpan(s, 1), plain, prediction) - penalty;
            for (int k = 0; k < plain.Length; k++)
            {
                plain[k] -= (float)PenaltyGradient(net, theta, k); // TrainStep adds it for its one sample
            }
        }

        Assert.Equal(loss - 8 * penalty, unpenalized, 1e-4);
        foreach (DenseLayerInfo dense in net.Layers.Cast<DenseLayerInfo>())
        {
            ParameterInfo bias = dense.Parameter("bias");
            for (int k = bias.Offset; k < bias.Offset + bias.Size; k++)
            {
                Assert.Equal(plain[k], gradient[k], 1e-5f);
            }

            ParameterInfo kernel = dense.Parameter("kernel");
            for (int k = kernel.Offset; k < kernel.Offset + kernel.Size; k++)
            {
                Assert.Equal(plain[k] + 8 * PenaltyGradient(net, theta, k), gradient[k], 1e-4);
            }
        }
    }

    [Fact]
    public void Evaluate_reports_the_loss_with_the_penalty_as_keras_does()
    {
        INetwork net = new RegularizedNet(seed: 4);
        var (inputs, targets) = Batch(net, 10, seed: 5);
        var data = new Dataset(inputs, targets, featureCount: 4);
        double expected = ReferenceMlp.BatchLoss(net, Doubles(net.Parameters), [], Doubles(inputs), Doubles(targets), 10, training: false, masks: null) / 10;
        Assert.Equal(expected, net.Evaluate(data).Loss, 1e-5);
    }

    [Fact]
    public void Layer_info_and_the_header_name_the_factors()
    {
        var layers = RegularizedNet.Layers.Cast<DenseLayerInfo>().ToArray();
        Assert.Equal([(0f, 0.01f), (0.005f, 0.002f), (0.01f, 0f)], layers.Select(l => (l.L1, l.L2)));
    }

    private static double PenaltyGradient(INetwork net, double[] theta, int k)
    {
        foreach (DenseLayerInfo dense in net.Layers.Cast<DenseLayerInfo>())
        {
            ParameterInfo kernel = dense.Parameter("kernel");
            if (k >= kernel.Offset && k < kernel.Offset + kernel.Size)
            {
                return dense.L1 * Math.Sign(theta[k]) + 2 * dense.L2 * theta[k];
            }
        }

        return 0;
    }
}
