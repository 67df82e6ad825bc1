using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>Serving while training: snapshots are whole, independent copies that readers on other threads can use safely.</summary>
public class SnapshotTests
{
    [Fact]
    public void A_snapshot_copies_every_parameter_and_does_not_change_with_training()
    {
        var trainer = new BatchNormNet(seed: 3);
        var data = new Dataset(
            Enumerable.Range(0, 32 * BatchNormNet.InputSize).Select(i => (float)Math.Sin(i * 0.37)).ToArray(),
            Enumerable.Range(0, 32 * BatchNormNet.OutputSize).Select(i => (float)Math.Cos(i * 0.11)).ToArray(),
            BatchNormNet.InputSize,
            targetSize: BatchNormNet.OutputSize);
        trainer.Fit(data, epochs: 2, batchSize: 8);
        BatchNormNet snapshot = trainer.Snapshot();
        Assert.Equal(trainer.Parameters.ToArray(), snapshot.Parameters.ToArray());
        Assert.Equal(trainer.NonTrainableParameters.ToArray(), snapshot.NonTrainableParameters.ToArray());

        float[] before = snapshot.Predict(data);
        trainer.Fit(data, epochs: 2, batchSize: 8);
        Assert.NotEqual(trainer.Parameters.ToArray(), snapshot.Parameters.ToArray());
        Assert.Equal(before, snapshot.Predict(data));
    }

    [Fact]
    public async Task Readers_of_published_snapshots_never_see_torn_weights_while_training_runs()
    {
        // The trainer publishes a snapshot with its expected output after every epoch; a reader thread keeps running
        // Forward on whatever is published and compares. A torn read (weights from two epochs) would differ.
        Dataset data = FitTests.Synthetic(256, seed: 9);
        var trainer = new IrisNet(seed: 1);
        float[] probe = [0.3f, -1.2f, 0.8f, 2.1f];
        Published Publish(IrisNet network) => new(network, network.Predict(probe));

        Published current = Publish(trainer.Snapshot());
        int reads = 0, mismatches = 0, snapshotsSeen = 0;
        using var done = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            var output = new float[IrisNet.OutputSize];
            Published? last = null;
            while (!done.IsCancellationRequested)
            {
                Published seen = Volatile.Read(ref current);
                if (!ReferenceEquals(seen, last))
                {
                    snapshotsSeen++;
                    last = seen;
                }

                seen.Network.Forward(probe, output);
                if (!output.AsSpan().SequenceEqual(seen.Expected))
                {
                    Interlocked.Increment(ref mismatches);
                }

                reads++;
                started.Set();
            }
        });
        started.Wait(TimeSpan.FromSeconds(30));

        trainer.Fit(data, epochs: 300, batchSize: 8, optimizer: new Adam(0.01f), onEpochEnd: _ => Volatile.Write(ref current, Publish(trainer.Snapshot())));
        done.Cancel();
        await reader;
        Assert.Equal(0, mismatches);
        Assert.True(snapshotsSeen > 1, $"{reads} reads of {snapshotsSeen} snapshots");
        Assert.Equal(trainer.Parameters.ToArray(), Volatile.Read(ref current).Network.Parameters.ToArray());
    }

    private sealed record Published(IrisNet Network, float[] Expected);
}
