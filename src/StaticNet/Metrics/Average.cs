namespace StaticNet;

/// <summary>How per-class precision, recall and F1 combine into one number: scikit-learn's <c>average</c> parameter.</summary>
public enum Average
{
    /// <summary>Only the positive class (class 1) of a two-class problem; refused for more classes.</summary>
    Binary,

    /// <summary>The unweighted mean over the classes present in the targets or the predictions.</summary>
    Macro,

    /// <summary>From the counts summed over classes (for single-label multiclass data, equal to accuracy).</summary>
    Micro,

    /// <summary>The mean over classes weighted by each class's number of true samples (support).</summary>
    Weighted,
}
