using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Generated;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Runtime;

/// <summary>
/// A generated network's parameters and a training workspace start on a cache line (64 bytes) and stay there: the
/// buffer is pinned, so a compacting collection does not move it.
/// </summary>
public class AlignedFloatsTests
{
    [Fact]
    public void Every_length_gets_that_many_zero_floats_the_first_on_a_cache_line()
    {
        for (int length = 0; length <= 40; length++)
        {
            var floats = new AlignedFloats(length);
            Assert.Equal(length, floats.Length);
            Assert.Equal(length, floats.Span.Length);
            Assert.All(floats.Span.ToArray(), v => Assert.Equal(0f, v));
            Assert.Equal(0, Address(floats.Span) % AlignedFloats.Alignment);
            Assert.True(AlignedFloats.IsAligned(floats.Span));
            Assert.False(length > 1 && AlignedFloats.IsAligned(floats.Span.Slice(1)));
        }
    }

    [Fact]
    public void A_networks_parameters_stay_on_a_cache_line_through_a_compacting_collection()
    {
        var networks = Enumerable.Range(0, 20).Select(seed => new GruNet(seed)).ToArray();
        var garbage = Enumerable.Range(0, 2_000).Select(n => new float[n % 37]).ToArray(); // fragments the heap around them
        GC.KeepAlive(garbage);
        garbage = null!;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        foreach (GruNet net in networks)
        {
            Assert.Equal(0, Address(net.Parameters) % AlignedFloats.Alignment);
        }
    }

    [Fact]
    public void A_workspaces_buffers_start_on_cache_lines_the_per_call_ones_and_each_per_sample_buffer_of_a_tile()
    {
        // The memory starts on a line and the generated layout puts every per-call buffer, and WorkspacePerCall, at whole
        // lines (the planner's test checks the offsets); Iris's per-sample buffers of 10 and 3 floats then start at
        // WorkspacePerCall + tile × offset, whole lines for its tiles of 32.
        TrainingWorkspace workspace = new IrisNet(1).CreateWorkspace(32);
        Assert.Equal(0, Address(workspace.Floats) % AlignedFloats.Alignment);
        Assert.Equal(0, workspace.FloatsPerCall % (AlignedFloats.Alignment / sizeof(float)));
        for (int sampleOffset = 0; sampleOffset < workspace.FloatsPerSample; sampleOffset++)
        {
            Assert.Equal(0, Address(workspace.Floats.Slice(workspace.FloatsPerCall + (32 * sampleOffset))) % AlignedFloats.Alignment);
        }

        var lenet = new LeNet5(1).CreateWorkspace(8);
        Assert.Equal(0, Address(lenet.Floats) % AlignedFloats.Alignment);
        Assert.Equal(0, lenet.FloatsPerCall % (AlignedFloats.Alignment / sizeof(float)));
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(-1));
    }

    private static long Address(Span<float> values) => (long)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(values));
}
