using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>
/// What <c>Fit</c> allocates once its buffers exist: nothing per batch, nothing per epoch beyond the history's row made
/// when it starts, and the EpochResult only where a callback is handed one. Allocation is counted, not timed, so these
/// hold on every machine.
/// </summary>
public class FitAllocationTests
{
    [Fact]
    public void A_batch_allocates_nothing_once_the_accumulators_buffers_exist()
    {
        var net = new IrisNet(1);
        Dataset data = TestData.ScaledIris();
        var accumulator = new BatchAccumulator(net, data, workers: 1, batchSize: 32, seed: 1);
        int[] rows = [.. Enumerable.Range(0, data.Count)];
        var gradient = new StaticNet.Generated.AlignedFloats(IrisNet.ParameterCount);
        double accuracy = 0;
        for (int i = 0; i < 50; i++)
        {
            accumulator.Accumulate(rows, 0, 32, gradient, ref accuracy);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int start = 0; start + 32 <= rows.Length; start += 32)
        {
            accumulator.Accumulate(rows, start, 32, gradient, ref accuracy);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void An_epoch_allocates_nothing_when_nothing_watches_the_epochs()
    {
        Dataset data = TestData.ScaledIris();
        long Allocated(int epochs)
        {
            var net = new IrisNet(1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            net.Fit(data, epochs: epochs, batchSize: 16, optimizer: new Adam(0.01f), seed: 1, verbose: 0); // silent: a printed line is a string an epoch
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (int i = 0; i < 3; i++)
        {
            Allocated(20);
        }

        // 100 more epochs of 10 batches each. The history's table is made when Fit starts, a row an epoch: loss and
        // accuracy (16 B), whether it validated (1 B), its number (4 B) and the slot of its EpochResult (8 B), 29 B; the
        // arrays round their lengths up to 8 bytes, four of them. Anything made during an epoch (an EpochResult is 88 B,
        // its logs 144 B, a closure or a boxed enumerator 24 B or more) would be 100 times its size on top.
        long extra = Allocated(120) - Allocated(20);
        Assert.InRange(extra - (100 * 29), -4 * 8, 4 * 8);

        // Asked for afterwards, the epochs are made once each, and are the same objects every time.
        var net = new IrisNet(1);
        History history = net.Fit(data, epochs: 3, batchSize: 16, optimizer: new Adam(0.01f), seed: 1, verbose: 0);
        Assert.Same(history[2], history[2]);
        Assert.Equal([1, 2, 3], history.Epochs);
        Assert.Equal(history[1].Loss, history["loss"][1]);
    }

    [Fact]
    public void With_a_callback_an_epoch_allocates_only_the_result_it_is_given()
    {
        Dataset data = TestData.ScaledIris();
        long Allocated(int epochs)
        {
            var net = new IrisNet(1);
            int seen = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            net.Fit(data, epochs: epochs, batchSize: 16, optimizer: new Adam(0.01f), seed: 1, verbose: 0, onEpochEnd: _ => seen++);
            Assert.Equal(epochs, seen);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (int i = 0; i < 3; i++)
        {
            Allocated(20);
        }

        // The history's row (29 B, as above) and the EpochResult handed to the callback with its logs.
        double perEpoch = (Allocated(120) - Allocated(20)) / 100.0;
        Assert.InRange(perEpoch, 29 + 1, 400);
    }
}
