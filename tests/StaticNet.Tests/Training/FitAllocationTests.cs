using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>
/// What <c>Fit</c> allocates once its buffers exist: nothing per batch, and per epoch only the record that the History keeps
/// (the epoch's logs and its EpochResult). Allocation is counted, not timed, so these hold on every machine.
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
        var gradient = new float[IrisNet.ParameterCount];
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
    public void An_epoch_allocates_only_the_record_the_history_keeps()
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

        // 100 more epochs of 10 batches each: the logs (144 B), the EpochResult (88 B) and the History's list growing (about
        // 22 B an epoch on average). A closure, a boxed enumerator or a buffer made per batch would be 10 times that or more.
        double perEpoch = (Allocated(120) - Allocated(20)) / 100.0;
        Assert.InRange(perEpoch, 1, 300);
    }
}
