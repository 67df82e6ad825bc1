namespace StaticNet.Tests;

/// <summary>Checks that code allocates nothing on its thread once warm.</summary>
internal static class Allocations
{
    /// <summary>
    /// Calls <paramref name="call"/> twice to warm up, then counts the bytes this thread allocates over up to three windows
    /// of <paramref name="callsPerWindow"/> calls, and fails unless one window allocated nothing. Code that allocates on
    /// every call fails every window. The runtime itself can allocate on the thread once while it tiers code up (seen on a
    /// loaded CI machine: 6,528 bytes in one window, in a test that allocates nothing otherwise): a second window tells
    /// that apart from the code under test.
    /// </summary>
    public static void AssertNoneOnceWarm(Action call, int callsPerWindow = 5)
    {
        call();
        call();
        var windows = new long[3];
        for (int window = 0; window < windows.Length; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerWindow; i++)
            {
                call();
            }

            windows[window] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (windows[window] == 0)
            {
                return;
            }
        }

        Assert.Fail($"Every window of {callsPerWindow} calls allocated: {string.Join(", ", windows)} bytes.");
    }
}
