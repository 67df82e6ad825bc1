namespace StaticNet;

/// <summary>Weight initialisers, with Keras's formulas. Each random one draws from the <see cref="SeededRandom"/> it is given.</summary>
public static class Initializers
{
    // Keras's truncated normal redraws outside two standard deviations; dividing by this constant (the standard deviation
    // of a unit normal truncated to ±2) keeps the variance what the formula asks for.
    private const double TruncatedNormalCorrection = 0.87962566103423978;

    /// <summary>Fills <paramref name="values"/> with <paramref name="initializer"/> for a layer with the given fan-in and fan-out.</summary>
    public static void Fill(Initializer initializer, Span<float> values, int fanIn, int fanOut, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (initializer)
        {
            case Initializer.Zeros:
                values.Clear();
                break;
            case Initializer.Ones:
                values.Fill(1f);
                break;
            case Initializer.GlorotUniform:
                Uniform(values, Math.Sqrt(6.0 / (fanIn + fanOut)), random);
                break;
            case Initializer.GlorotNormal:
                TruncatedNormal(values, Math.Sqrt(2.0 / (fanIn + fanOut)) / TruncatedNormalCorrection, random);
                break;
            case Initializer.HeUniform:
                Uniform(values, Math.Sqrt(6.0 / fanIn), random);
                break;
            case Initializer.HeNormal:
                TruncatedNormal(values, Math.Sqrt(2.0 / fanIn) / TruncatedNormalCorrection, random);
                break;
            case Initializer.LecunNormal:
                TruncatedNormal(values, Math.Sqrt(1.0 / fanIn) / TruncatedNormalCorrection, random);
                break;
            case Initializer.LecunUniform:
                Uniform(values, Math.Sqrt(3.0 / fanIn), random);
                break;
            case Initializer.RandomUniform:
                Uniform(values, 0.05, random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer.");
        }
    }

    /// <summary>Uniform in [−limit, limit).</summary>
    public static void Uniform(Span<float> values, double limit, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2.0 * random.NextDouble() - 1.0) * limit);
        }
    }

    /// <summary>Normal with mean 0 and the given standard deviation, redrawn while outside two standard deviations.</summary>
    public static void TruncatedNormal(Span<float> values, double standardDeviation, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < values.Length; i++)
        {
            double x;
            do
            {
                x = random.NextGaussian();
            }
            while (Math.Abs(x) > 2.0);

            values[i] = (float)(x * standardDeviation);
        }
    }
}
