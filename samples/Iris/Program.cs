// The Keras Iris walkthrough in StaticNet: standardised features, an 80/20 split, Dense(10, relu) → Dense(10, relu) →
// Dense(3, softmax), Adam(0.01), sparse categorical cross-entropy, 100 epochs of batch 32, then test loss and accuracy.
using System.Diagnostics;
using System.Globalization;
using Samples.Iris;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 42;

string csv = Path.Combine(AppContext.BaseDirectory, "iris.csv");
Dataset data = Csv.Load(csv, labelColumn: "species", classCount: 3);
var (train, test) = data.TrainTestSplit(testFraction: 0.2, seed: Seed);
var scaler = StandardScaler.Fit(train);
train = scaler.Transform(train);
test = scaler.Transform(test);

var model = new IrisNet(seed: Seed);
Console.WriteLine(IrisNet.Summary());
Console.WriteLine($"Training on {train.Count} samples, testing on {test.Count}.");

var stopwatch = Stopwatch.StartNew();
model.Fit(train, epochs: 100, batchSize: 32, optimizer: new Adam(learningRate: 0.01f), seed: Seed, log: Console.Out);
stopwatch.Stop();

var (loss, accuracy) = model.Evaluate(test);
Console.WriteLine();
Console.WriteLine($"Test loss: {loss:F4}");
Console.WriteLine($"Test accuracy: {accuracy:F4}");
Console.WriteLine($"Training time: {stopwatch.Elapsed.TotalMilliseconds:F1} ms (100 epochs, including the JIT's first compilation)");
