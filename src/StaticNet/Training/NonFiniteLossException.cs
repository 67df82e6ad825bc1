namespace StaticNet;

/// <summary>Training produced a NaN or infinite loss; training stops at once and says where.</summary>
public sealed class NonFiniteLossException : ArithmeticException
{
    /// <summary>Creates the exception for the given epoch and batch (both 1-based).</summary>
    public NonFiniteLossException(int epoch, int batch, double loss)
        : base($"The loss became {loss} in epoch {epoch}, batch {batch}; training stopped. Lower the learning rate, or check the inputs are scaled and finite.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>The 1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The loss that was not finite.</summary>
    public double Loss { get; }
}
