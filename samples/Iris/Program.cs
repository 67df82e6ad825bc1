// The Keras Iris walkthrough in StaticNet: standardised features, an 80/20 split, Dense(10, relu) → Dense(10, relu) →
// Dense(3, softmax), Adam(0.01), sparse categorical cross-entropy, 100 epochs of batch 32, then test loss and accuracy.
using System.Diagnostics;
using System.Globalization;
using Samples.Iris;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 42;
string[] species = ["setosa", "versicolor", "virginica"];

// Deployment, in a second process: `-- --predict iris.snetmodel 5.1 3.5 1.4 0.2` loads the bundle that
// `-- --save iris.snetmodel` wrote (network, scaler and class names; no training data) and classifies one flower.
if (args.Length > 0 && args[0] == "--predict")
{
    var bundle = ModelBundle.Load<IrisNet>(args[1]);
    float[] flower = args[2..].Select(a => float.Parse(a, CultureInfo.InvariantCulture)).ToArray();
    float[] probabilities = bundle.Predict(flower);
    Console.WriteLine($"{bundle.PredictClassName(flower)} ({string.Join(", ", bundle.ClassNames!.Select((name, i) => $"{name} {probabilities[i]:F4}"))})");
    return;
}

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

if (args.Length > 1 && args[0] == "--save")
{
    ModelBundle.Save(args[1], model, scaler, classNames: species, featureNames: data.FeatureNames);
    Console.WriteLine($"Saved the model, its scaler and the class names to {Path.GetFullPath(args[1])}.");
}
