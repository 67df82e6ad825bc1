namespace StaticNet;

/// <summary>How a dataset is cut into parts.</summary>
internal static class Splitting
{
    public static (int[] Train, int[] Test) TrainTestIndices(Dataset data, double testFraction, int seed, bool stratify)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw InvariantErrors.OutOfRange(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        }

        int n = data.Count;
        int testCount = (int)Math.Ceiling(testFraction * n);
        if (testCount >= n)
        {
            throw new ArgumentException(FormattableString.Invariant($"A test fraction of {testFraction} leaves no training samples out of {n}."), nameof(testFraction));
        }

        var random = new SeededRandom(seed);
        if (!stratify)
        {
            int[] order = Enumerable.Range(0, n).ToArray();
            random.Shuffle(order.AsSpan());
            return (order[testCount..], order[..testCount]);
        }

        int classes = data.ClassCount ?? throw new InvalidOperationException("A stratified split needs a dataset with class labels.");
        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++)
        {
            byClass[c] = [];
        }

        for (int i = 0; i < n; i++)
        {
            byClass[data.LabelOf(i)].Add(i);
        }

        int[] testPerClass = Allocate(byClass.Select(rows => rows.Count).ToArray(), testCount);
        var train = new List<int>(n - testCount);
        var test = new List<int>(testCount);
        for (int c = 0; c < classes; c++)
        {
            int[] rows = byClass[c].ToArray();
            random.Shuffle(rows.AsSpan());
            test.AddRange(rows[..testPerClass[c]]);
            train.AddRange(rows[testPerClass[c]..]);
        }

        int[] trainRows = train.ToArray(), testRows = test.ToArray();
        random.Shuffle(trainRows.AsSpan());
        random.Shuffle(testRows.AsSpan());
        return (trainRows, testRows);
    }

    /// <summary>Shares <paramref name="total"/> among groups in proportion to their sizes; largest remainders (then lower index) take the rest.</summary>
    internal static int[] Allocate(int[] sizes, int total)
    {
        int n = sizes.Sum();
        var shares = new int[sizes.Length];
        var remainders = new (double Remainder, int Index)[sizes.Length];
        for (int c = 0; c < sizes.Length; c++)
        {
            double exact = (double)sizes[c] * total / n;
            shares[c] = (int)Math.Floor(exact);
            remainders[c] = (exact - shares[c], c);
        }

        int left = total - shares.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(left))
        {
            shares[index]++;
        }

        return shares;
    }
}
