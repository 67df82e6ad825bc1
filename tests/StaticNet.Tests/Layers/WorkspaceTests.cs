using StaticNet.Tests.Networks;
using StaticNet.Tests.Training;

namespace StaticNet.Tests.Layers;

/// <summary>
/// Training steps keep their scratch in a workspace on the heap, made once and reused: no step depends on the thread's
/// stack, and a workspace made for one network or batch size is refused by another with a message saying what to do.
/// </summary>
public class WorkspaceTests
{
    [Fact]
    public void A_network_too_wide_for_the_stack_trains_on_a_thread_with_a_small_stack()
    {
        // 32,000 hidden units: one 4-sample tile of activations and gradients is 1 MiB, which overflowed a 1 MiB stack
        // when training steps kept their scratch there. On a 256 KiB stack now: Fit, Evaluate and Forward.
        var random = new SeededRandom(1);
        float[] x = Enumerable.Range(0, 64).Select(_ => (float)random.NextGaussian()).ToArray();
        float[] y = x.Select(v => 0.5f * v * v).ToArray();
        var data = new Dataset(x, y, featureCount: 1);
        Exception? failure = null;
        double loss = double.NaN, evaluated = double.NaN;
        float forward = float.NaN;
        var thread = new Thread(
            () =>
            {
                try
                {
                    INetwork net = new WideSingleInputNet(seed: 1);
                    loss = net.Fit(data, epochs: 2, batchSize: 32, optimizer: new Adam(1e-3f), seed: 1)[^1].Loss;
                    evaluated = net.Evaluate(data).Loss;
                    var output = new float[1];
                    net.Forward([0.5f], output);
                    forward = output[0];
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.True(double.IsFinite(loss) && double.IsFinite(evaluated) && float.IsFinite(forward), $"loss {loss}, evaluated {evaluated}, forward {forward}");
    }

    [Fact]
    public void A_workspace_belongs_to_one_network_and_holds_the_batches_it_was_made_for()
    {
        INetwork iris = new IrisNet(1);
        TrainingWorkspace foreign = new XorNet(1).CreateWorkspace(8);
        var error = Assert.Throws<ArgumentException>(() => iris.TrainBatch(new float[8 * 4], new float[8], 8, new float[IrisNet.ParameterCount], new float[8 * 3], foreign));
        Assert.Contains("made by XorNet.CreateWorkspace, not by IrisNet's", error.Message, StringComparison.Ordinal);

        // Batch statistics need the whole batch in one tile: a workspace for 8 samples cannot take 16.
        INetwork norm = new BatchNormNet(1);
        TrainingWorkspace small = norm.CreateWorkspace(8);
        error = Assert.Throws<ArgumentException>(() => norm.TrainBatch(new float[16 * 6], new float[16 * 2], 16, new float[BatchNormNet.ParameterCount], new float[16 * 2], small));
        Assert.Contains("holds 8 samples per tile, but BatchNormNet needs 16 for this call; create it with BatchNormNet.CreateWorkspace(16)", error.Message, StringComparison.Ordinal);

        // Networks that tile their steps take any batch with any workspace: a tile is at most BatchTile samples.
        TrainingWorkspace one = iris.CreateWorkspace(1);
        Assert.Equal(1, one.Samples);
        float loss = iris.TrainBatch(new float[40 * 4], new float[40], 40, new float[IrisNet.ParameterCount], new float[40 * 3], one);
        Assert.True(float.IsFinite(loss));
        Assert.Equal(IrisNet.BatchTile, iris.CreateWorkspace(1000).Samples);
    }

    [Fact]
    public void Forward_above_the_stack_budget_allocates_once_per_thread_then_nothing()
    {
        INetwork net = new WideSingleInputNet(seed: 2);
        var output = new float[1];
        net.Forward([1f], output);
        for (int i = 0; i < 50; i++)
        {
            net.Forward([1f], output);
        }

        Allocations.AssertNoneOnceWarm(() => net.Forward([0.25f], output), callsPerWindow: 100);
    }
}
