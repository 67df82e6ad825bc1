// Which language a word comes from (English, French, German, Italian or Spanish), from its letters: a character
// embedding and a GRU, trained on Debian's word lists, beside a character n-gram logistic regression (scikit-learn, on
// the same split). Writes the model bundle and the confusion matrix to the current folder, or the folder given.
//   dotnet run -c Release --project samples/Words [folder]
//   dotnet run -c Release --project samples/Words -- predict words.snetmodel Fenster window ventana
using System.Globalization;
using Samples.Words;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = System.Text.Encoding.UTF8;
if (args.Length >= 2 && args[0] == "predict")
{
    // A second process: only the bundle, no training data.
    foreach (var (word, language, probability) in WordsExample.Predict(args[1], args.Skip(2)))
    {
        Console.WriteLine($"{word}\t{language}\t{probability:F3}");
    }

    return;
}

string output = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
WordsOutcome o = WordsExample.Run(AppContext.BaseDirectory, output, Console.Out, verbose: 1);
Console.WriteLine($"Trained {o.History.Count} epochs on {o.TrainWords} words; {o.TestWords} test words.");
Console.WriteLine($"Test accuracy {o.Accuracy:P1} (a character n-gram logistic regression on the same split: {WordsExample.BaselineAccuracy:P1}, tests/reference/words_baseline.py).");
Console.WriteLine(o.Confusion.ClassificationReport(WordsExample.Languages));
Console.WriteLine($"Bundle (network, vocabulary, language names): {o.Bundle}");
Console.WriteLine($"Confusion matrix: {o.Plot}");
Console.WriteLine($"Try: dotnet run -c Release --project samples/Words -- predict {o.Bundle} Fenster window ventana finestra fenêtre");
