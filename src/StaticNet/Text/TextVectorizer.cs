using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>How <see cref="TextVectorizer"/> cuts text into tokens.</summary>
public enum TextSplit
{
    /// <summary>Words: runs of text between whitespace (Keras's <c>split="whitespace"</c>).</summary>
    Whitespace = 0,

    /// <summary>Each character a token (Keras's <c>split="character"</c>), whitespace included.</summary>
    Character = 1,
}

/// <summary>
/// Text to token ids for an <see cref="EmbeddingAttribute"/> network, as Keras's <c>TextVectorization</c> with
/// <c>output_mode="int"</c>: each text is standardised (lower case, punctuation stripped: Keras's
/// <c>lower_and_strip_punctuation</c>), split into words or characters, and each token replaced by its index in a
/// vocabulary adapted from training text. Index 0 is padding, 1 the out-of-vocabulary token (<c>[UNK]</c>), then the
/// tokens by falling frequency (ties in order of first appearance); <c>maxTokens</c> counts the two. A text becomes
/// exactly <see cref="SequenceLength"/> ids: truncated at the end, or padded with 0 at the end, as Keras does.
/// </summary>
public sealed class TextVectorizer
{
    /// <summary>The padding token, index 0.</summary>
    public const string Padding = "";

    /// <summary>The out-of-vocabulary token, index 1.</summary>
    public const string OutOfVocabulary = "[UNK]";

    private readonly Dictionary<string, int> _index;

    private TextVectorizer(IReadOnlyList<string> vocabulary, TextSplit split, int sequenceLength, bool standardize)
    {
        Vocabulary = vocabulary;
        Split = split;
        SequenceLength = sequenceLength;
        Standardize = standardize;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            if (!_index.TryAdd(vocabulary[i], i))
            {
                throw new ArgumentException($"The vocabulary lists '{vocabulary[i]}' twice (at {_index[vocabulary[i]]} and {i}).", nameof(vocabulary));
            }
        }
    }

    /// <summary>The tokens by index: padding, <c>[UNK]</c>, then the adapted tokens.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Words or characters.</summary>
    public TextSplit Split { get; }

    /// <summary>Ids per text: an <c>[Input(SequenceLength)]</c> network reads them.</summary>
    public int SequenceLength { get; }

    /// <summary>Whether text is lower-cased and stripped of punctuation before it is split.</summary>
    public bool Standardize { get; }

    /// <summary>The vocabulary's size (padding and <c>[UNK]</c> included): the <c>inputDim</c> an embedding needs.</summary>
    public int VocabularySize => Vocabulary.Count;

    /// <summary>
    /// Builds the vocabulary from <paramref name="texts"/> (Keras's <c>adapt</c>).
    /// </summary>
    /// <param name="texts">The training text.</param>
    /// <param name="sequenceLength">Ids per text.</param>
    /// <param name="split">Words or characters.</param>
    /// <param name="maxTokens">The largest vocabulary, padding and <c>[UNK]</c> included (at least 3); null for every token seen.</param>
    /// <param name="standardize">Lower-case and strip punctuation first (Keras's default).</param>
    public static TextVectorizer Adapt(IEnumerable<string> texts, int sequenceLength, TextSplit split = TextSplit.Whitespace, int? maxTokens = null, bool standardize = true)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        if (maxTokens is < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "maxTokens counts padding and [UNK]: it must be at least 3, or null for every token.");
        }

        if (!Enum.IsDefined(split))
        {
            throw new ArgumentOutOfRangeException(nameof(split), split, "Not a defined TextSplit.");
        }

        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        int seen = 0, number = 0;
        foreach (string? text in texts)
        {
            if (text is null)
            {
                throw new ArgumentException($"Text {number} is null.", nameof(texts));
            }

            foreach (string token in Tokens(text, split, standardize))
            {
                counts[token] = counts.TryGetValue(token, out var c) ? (c.Count + 1, c.First) : (1, seen);
                seen++;
            }

            number++;
        }

        IEnumerable<string> ranked = counts.Where(p => p.Key != Padding && p.Key != OutOfVocabulary)
            .OrderByDescending(p => p.Value.Count).ThenBy(p => p.Value.First).Select(p => p.Key);
        if (maxTokens is int max)
        {
            ranked = ranked.Take(max - 2);
        }

        return new TextVectorizer([Padding, OutOfVocabulary, .. ranked], split, sequenceLength, standardize);
    }

    /// <summary>A vectoriser over a vocabulary saved before (<see cref="Save"/>), or given: index 0 must be padding, 1 <c>[UNK]</c>.</summary>
    public static TextVectorizer FromVocabulary(IReadOnlyList<string> vocabulary, int sequenceLength, TextSplit split = TextSplit.Whitespace, bool standardize = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        if (vocabulary.Count < 2 || vocabulary[0] != Padding || vocabulary[1] != OutOfVocabulary)
        {
            throw new ArgumentException("A vocabulary starts with padding (\"\") and [UNK], at indices 0 and 1.", nameof(vocabulary));
        }

        return new TextVectorizer([.. vocabulary], split, sequenceLength, standardize);
    }

    /// <summary>The ids of one text: <see cref="SequenceLength"/> floats (whole numbers, as a <see cref="Dataset"/> holds them).</summary>
    public float[] Vectorize(string text)
    {
        var ids = new float[SequenceLength];
        Vectorize(text, ids);
        return ids;
    }

    /// <summary>Writes the ids of one text into <paramref name="ids"/> (<see cref="SequenceLength"/> floats).</summary>
    public void Vectorize(string text, Span<float> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ids.Length != SequenceLength)
        {
            throw new ArgumentException($"The ids span holds {ids.Length} floats; a text gives {SequenceLength}.", nameof(ids));
        }

        ids.Clear();
        int t = 0;
        foreach (string token in Tokens(text, Split, Standardize))
        {
            if (t == SequenceLength)
            {
                break;
            }

            ids[t++] = _index.TryGetValue(token, out int id) ? id : 1;
        }
    }

    /// <summary>A dataset of the texts' ids and their labels, for <c>Fit</c>.</summary>
    public Dataset ToDataset(IReadOnlyList<string> texts, IReadOnlyList<float> targets, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(targets);
        if (texts.Count != targets.Count)
        {
            throw new ArgumentException($"{texts.Count} texts but {targets.Count} targets.", nameof(targets));
        }

        var features = new float[texts.Count * SequenceLength];
        for (int i = 0; i < texts.Count; i++)
        {
            Vectorize(texts[i], features.AsSpan(i * SequenceLength, SequenceLength));
        }

        return new Dataset(features, [.. targets], SequenceLength, classCount: classCount);
    }

    /// <summary>
    /// Writes the vectoriser (its settings and vocabulary, one token a line, escaped) to <paramref name="path"/>,
    /// atomically, with a checksum that <see cref="Load"/> verifies.
    /// </summary>
    public void Save(string path)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"StaticNet.TextVectorizer 1\nsplit {Split}\nsequence_length {SequenceLength}\nstandardize {Standardize}\ntokens {Vocabulary.Count}\n");
        foreach (string token in Vocabulary)
        {
            text.Append(Escape(token)).Append('\n');
        }

        string body = text.ToString();
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(body + $"checksum {Checksum(body)}\n"));
    }

    /// <summary>Reads a vectoriser <see cref="Save"/> wrote, verifying its checksum and its counts.</summary>
    /// <exception cref="InvalidDataException">The file is not one, is damaged, or its counts disagree (named).</exception>
    public static TextVectorizer Load(string path)
    {
        string content = File.ReadAllText(path, Encoding.UTF8);
        int last = content.LastIndexOf("checksum ", StringComparison.Ordinal);
        if (!content.StartsWith("StaticNet.TextVectorizer 1\n", StringComparison.Ordinal) || last < 0)
        {
            throw new InvalidDataException($"'{path}' is not a StaticNet text vectoriser (or was cut short: it has no checksum line).");
        }

        string body = content[..last];
        if (content[(last + "checksum ".Length)..].TrimEnd('\n') != Checksum(body))
        {
            throw new InvalidDataException($"'{path}' is damaged: its checksum does not match its content.");
        }

        string[] lines = body.Split('\n');
        string Setting(int line, string name) => lines[line].StartsWith(name + " ", StringComparison.Ordinal)
            ? lines[line][(name.Length + 1)..]
            : throw new InvalidDataException($"'{path}', line {line + 1}: expected '{name} …', found '{lines[line]}'.");
        var split = Enum.Parse<TextSplit>(Setting(1, "split"));
        int length = int.Parse(Setting(2, "sequence_length"), CultureInfo.InvariantCulture);
        bool standardize = bool.Parse(Setting(3, "standardize"));
        int count = int.Parse(Setting(4, "tokens"), CultureInfo.InvariantCulture);
        if (count < 2 || count != lines.Length - 6)
        {
            throw new InvalidDataException($"'{path}' promises {count} tokens but holds {lines.Length - 6}.");
        }

        return FromVocabulary([.. lines.Skip(5).Take(count).Select(Unescape)], length, split, standardize);
    }

    /// <summary>The tokens of one text, standardised and split as the vectoriser does.</summary>
    public static IEnumerable<string> Tokens(string text, TextSplit split, bool standardize)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (standardize)
        {
            var kept = new StringBuilder(text.Length);
            foreach (char c in text.ToLowerInvariant())
            {
                if (!char.IsPunctuation(c) && !char.IsSymbol(c))
                {
                    kept.Append(c);
                }
            }

            text = kept.ToString();
        }

        if (split == TextSplit.Character)
        {
            foreach (char c in text)
            {
                yield return c.ToString();
            }

            yield break;
        }

        foreach (string word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return word;
        }
    }

    /// <summary>The XxHash64 of the text, as parameter files and bundles check theirs.</summary>
    private static string Checksum(string body) => System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(body)).ToString("x16", CultureInfo.InvariantCulture);

    private static string Escape(string token) => token.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Unescape(string line)
    {
        var text = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                char next = line[++i];
                text.Append(next switch { 'n' => '\n', 'r' => '\r', _ => next });
            }
            else
            {
                text.Append(line[i]);
            }
        }

        return text.ToString();
    }
}
