using System.Text;
using StaticNet;
using StaticNet.Plotting;

namespace Samples.Words;

/// <summary>
/// A word's letters in, its language out: each character an id (padding masked), a learned vector per character, a GRU
/// reading the word, and a softmax over the five languages.
/// </summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(WordsExample.Letters)]
[Embedding(WordsExample.Characters, 32, MaskZero = true)]
[GRU(64, Bidirectional = true)]
[Dropout(0.5)]
[Dense(5, Activation.Softmax)]
public partial class WordsNet;

/// <summary>What the sample measured on the test words, and where it wrote the bundle and the confusion matrix.</summary>
public sealed record WordsOutcome(History History, int TrainWords, int TestWords, double Accuracy, ConfusionMatrix Confusion, string Bundle, string Plot);

public static class WordsExample
{
    public const int Seed = 42;

    /// <summary>Characters per word: the longest in words.csv (shorter words are padded with 0, which the GRU skips).</summary>
    public const int Letters = 16;

    /// <summary>The embedding's rows: room for the 47 letters of the five lists, padding and [UNK].</summary>
    public const int Characters = 64;

    /// <summary>
    /// The baseline's test accuracy: a character 1–3-gram logistic regression (scikit-learn, tests/reference/words_baseline.py,
    /// on this split; the sample's test checks this number against the script's result).
    /// </summary>
    public const double BaselineAccuracy = 0.9104;

    /// <summary>The languages, in the order of the network's outputs (alphabetical, as the baseline's).</summary>
    public static readonly string[] Languages = ["english", "french", "german", "italian", "spanish"];

    /// <summary>The words, their languages (indices into <see cref="Languages"/>) and whether each is a test word.</summary>
    public static (string[] Words, int[] Languages, bool[] Test) Load(string folder)
    {
        string path = Path.Combine(folder, "words.csv");
        string[] lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length < 2 || lines[0] != "word,language,split")
        {
            throw new InvalidDataException($"{path}: expected the header 'word,language,split', found '{lines.FirstOrDefault()}'.");
        }

        var words = new string[lines.Length - 1];
        var languages = new int[words.Length];
        var test = new bool[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            int language = cells.Length == 3 ? Array.IndexOf(Languages, cells[1]) : -1;
            if (language < 0 || cells[2] is not ("train" or "test") || cells[0].Length is 0 or > Letters)
            {
                throw new InvalidDataException($"{path}, line {i + 2}: expected a word of 1 to {Letters} letters, one of {string.Join(", ", Languages)}, and train or test; found '{lines[i + 1]}'.");
            }

            (words[i], languages[i], test[i]) = (cells[0], language, cells[2] == "test");
        }

        return (words, languages, test);
    }

    public static WordsOutcome Run(string dataFolder, string outputFolder, TextWriter? log, int verbose = 0, int epochs = 25)
    {
        (string[] words, int[] languages, bool[] isTest) = Load(dataFolder);
        string[] trainWords = words.Where((_, i) => !isTest[i]).ToArray(), testWords = words.Where((_, i) => isTest[i]).ToArray();
        float[] trainLabels = languages.Where((_, i) => !isTest[i]).Select(l => (float)l).ToArray();
        float[] testLabels = languages.Where((_, i) => isTest[i]).Select(l => (float)l).ToArray();

        // Characters, as Keras's TextVectorization(split="character"): the vocabulary from the training words only.
        var vectorizer = TextVectorizer.Adapt(trainWords, Letters, TextSplit.Character, maxTokens: Characters);
        Dataset train = vectorizer.ToDataset(trainWords, trainLabels, classCount: Languages.Length);
        Dataset test = vectorizer.ToDataset(testWords, testLabels, classCount: Languages.Length);

        var network = new WordsNet(Seed);
        History history = network.Fit(
            train,
            epochs: epochs,
            batchSize: 32,
            optimizer: new Adam(0.003f) { GlobalClipNorm = 1f },
            seed: Seed,
            validationSplit: 0.1,
            callbacks:
            [
                new ReduceLROnPlateau(monitor: "val_loss", factor: 0.3, patience: 1),
                new EarlyStopping(monitor: "val_loss", patience: 4, restoreBestWeights: true),
            ],
            log: log,
            verbose: verbose);

        var confusion = ConfusionMatrix.Of(network, test);
        Directory.CreateDirectory(outputFolder);
        string bundle = Path.Combine(outputFolder, "words.snetmodel");
        ModelBundle.Save(bundle, network, classNames: Languages, vectorizer: vectorizer);
        string plot = Path.Combine(outputFolder, "words_confusion.png");
        Plots.ConfusionMatrix(confusion, Languages).Save(plot, width: 600, height: 520);
        return new WordsOutcome(history, train.Count, test.Count, confusion.Accuracy, confusion, bundle, plot);
    }

    /// <summary>Each word's language, from raw text through a saved bundle alone (what a deployed app does).</summary>
    public static IEnumerable<(string Word, string Language, float Probability)> Predict(string bundlePath, IEnumerable<string> words)
    {
        var bundle = ModelBundle.Load<WordsNet>(bundlePath);
        foreach (string word in words)
        {
            float[] probabilities = bundle.Predict(word);
            int best = bundle.PredictClass(word);
            yield return (word, bundle.ClassNames![best], probabilities[best]);
        }
    }
}
