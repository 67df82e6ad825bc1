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
            case Initializer.Orthogonal:
                Orthogonal(values, fanIn, fanOut, random);
                break;
            case Initializer.UnitForgetBias:
                if (values.Length % 4 != 0)
                {
                    throw new ArgumentException($"An LSTM bias holds four gates' values, but {values.Length} is not a multiple of 4.", nameof(values));
                }

                values.Clear();
                values.Slice(values.Length / 4, values.Length / 4).Fill(1f);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer.");
        }
    }

    /// <summary>
    /// A <paramref name="rows"/> × <paramref name="columns"/> matrix (row-major) with orthonormal rows or columns, as Keras's
    /// <c>Orthogonal</c>: a normal draw of max × min, its QR decomposition by modified Gram–Schmidt in double (which
    /// gives R a positive diagonal, Keras's sign correction), transposed when there are fewer rows than columns.
    /// </summary>
    public static void Orthogonal(Span<float> values, int rows, int columns, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (rows < 1 || columns < 1 || (long)rows * columns != values.Length)
        {
            throw new ArgumentException($"An orthogonal matrix of {rows} × {columns} does not fill {values.Length} values.", nameof(values));
        }

        int tall = Math.Max(rows, columns), narrow = Math.Min(rows, columns);
        var a = new double[tall * narrow]; // tall × narrow, row-major
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = random.NextGaussian();
        }

        for (int k = 0; k < narrow; k++)
        {
            for (int previous = 0; previous < k; previous++)
            {
                double dot = 0;
                for (int i = 0; i < tall; i++)
                {
                    dot += a[i * narrow + k] * a[i * narrow + previous];
                }

                for (int i = 0; i < tall; i++)
                {
                    a[i * narrow + k] -= dot * a[i * narrow + previous];
                }
            }

            double norm = 0;
            for (int i = 0; i < tall; i++)
            {
                norm += a[i * narrow + k] * a[i * narrow + k];
            }

            norm = Math.Sqrt(norm);
            for (int i = 0; i < tall; i++)
            {
                a[i * narrow + k] /= norm;
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                values[r * columns + c] = (float)(rows >= columns ? a[r * narrow + c] : a[c * narrow + r]);
            }
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
