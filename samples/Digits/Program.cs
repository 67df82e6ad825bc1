// The 8×8 handwritten digits (scikit-learn's copy of the UCI test set): standardised pixels, a seeded 80/20 stratified
// split, 64 → Dense(64, relu) → Dense(10, softmax), Adam, then test loss and accuracy.
using System.Diagnostics;
using System.Globalization;
using Samples.Digits;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 42;

Dataset data = Csv.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv"), labelColumn: "label", classCount: 10);
var (train, test) = data.TrainTestSplit(testFraction: 0.2, seed: Seed, stratify: true);
var scaler = StandardScaler.Fit(train);
train = scaler.Transform(train);
test = scaler.Transform(test);

var model = new DigitsNet(seed: Seed);
Console.WriteLine(DigitsNet.Summary());
Console.WriteLine($"Training on {train.Count} samples, testing on {test.Count}.");

var stopwatch = Stopwatch.StartNew();
model.Fit(train, epochs: 30, batchSize: 32, optimizer: new Adam(learningRate: 0.001f), seed: Seed, log: Console.Out);
stopwatch.Stop();

var (loss, accuracy) = model.Evaluate(test);
Console.WriteLine();
Console.WriteLine($"Test loss: {loss:F4}");
Console.WriteLine($"Test accuracy: {accuracy:F4}");
Console.WriteLine($"Training time: {stopwatch.Elapsed.TotalMilliseconds:F0} ms (30 epochs, including the JIT's first compilation)");
