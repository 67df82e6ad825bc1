using System.Globalization;

namespace StaticNet;

/// <summary>
/// Training stopped because a batch's loss, or the parameters after a step, became NaN or infinite (a learning rate too
/// high, or unscaled inputs). <c>Fit</c> leaves the network in its last finite state: the parameters from before the
/// failing step when only its loss failed, otherwise those from the start of <see cref="Epoch"/>
/// (<see cref="RestoredToEpochStart"/>).
/// </summary>
public sealed class NonFiniteLossException : ArithmeticException
{
    /// <summary>Creates the exception for a non-finite loss (or, with a finite <paramref name="loss"/>, non-finite parameters).</summary>
    public NonFiniteLossException(int epoch, int batch, double loss, bool restoredToEpochStart = false)
        : base(Describe(epoch, batch, loss, restoredToEpochStart))
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        RestoredToEpochStart = restoredToEpochStart;
    }

    /// <summary>The epoch (from 1) in which training stopped.</summary>
    public int Epoch { get; }

    /// <summary>The batch (from 1) of that epoch; for non-finite parameters found at the epoch's end, its last batch.</summary>
    public int Batch { get; }

    /// <summary>The batch's loss: NaN or infinite, or the last finite value when the parameters were what failed.</summary>
    public double Loss { get; }

    /// <summary>Whether the parameters were put back to the start of <see cref="Epoch"/> (they had become non-finite).</summary>
    public bool RestoredToEpochStart { get; }

    private static string Describe(int epoch, int batch, double loss, bool restoredToEpochStart)
    {
        string what = double.IsFinite(loss)
            ? $"The parameters became non-finite in epoch {epoch} (by batch {batch})"
            : $"The loss became {loss.ToString(CultureInfo.InvariantCulture)} in epoch {epoch}, batch {batch}";
        string restored = restoredToEpochStart
            ? $"the parameters are back to where they were at the start of epoch {epoch}"
            : "the parameters are those from before the failing step";
        return $"{what}; training stopped and {restored}. Lower the learning rate, or check that the inputs are scaled.";
    }
}
