// LeNet-5 on real MNIST digits (the 10,000 the repository ships): 8,000 to train, 2,000 held out. Prints the test
// accuracy and seconds per epoch, and writes the confusion matrix and saliency maps (what the network looks at) to the
// current folder, or to the folder given as the first argument. `-- --epochs N --train N` for a quicker run.
using System.Globalization;
using Samples.Mnist;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : Directory.GetCurrentDirectory();
int Option(string name, int fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

Console.WriteLine(LeNet5.Summary());
MnistOutcome o = MnistExample.Run(Path.Combine(AppContext.BaseDirectory, "data"), output, Console.Out, epochs: Option("--epochs", 30), trainCount: Option("--train", 8_000), verbose: 2);
Console.WriteLine();
Console.WriteLine($"Trained on {o.TrainCount} digits (10 % of them for validation), tested on {o.TestCount}.");
Console.WriteLine($"Test loss: {o.Test.Loss:F4}");
Console.WriteLine($"Test accuracy: {o.Test.Accuracy:F4}");
Console.WriteLine($"Seconds per epoch: {o.SecondsPerEpoch:F2}");
Console.WriteLine($"Confusion matrix: {o.ConfusionPicture}");
Console.WriteLine($"Saliency maps: {o.SaliencyPicture}");
