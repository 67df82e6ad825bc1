// Times whole training runs, so that a JIT build (`dotnet run -c Release`) and a Native AOT binary of this program
// (`dotnet publish -c Release -r linux-x64`, optionally with -p:IlcInstructionSet=x86-64-v3) can be compared run for run:
// the Keras Iris recipe (100 epochs), the Digits sample's recipe (30 epochs) and Wine for 2,000 epochs. Round 0 includes
// the JIT's compilation; compare the later rounds. Prints which vector widths the build accelerates.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;

Dataset Load(string file, string label, int classes) => Csv.Load(Path.Combine(AppContext.BaseDirectory, file), label, classCount: classes);
Dataset Scaled(Dataset data) => StandardScaler.Fit(data).Transform(data);

var (iris, _) = Load("iris.csv", "species", 3).TrainTestSplit(0.2, seed: 42);
var (digits, _) = Load("digits.csv", "label", 10).TrainTestSplit(0.2, seed: 42, stratify: true);
iris = Scaled(iris);
digits = Scaled(digits);
Dataset wine = Scaled(Load("wine.csv", "class", 3));

Console.WriteLine($"Vector128 {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector512 {Vector512.IsHardwareAccelerated}");
for (int round = 0; round < rounds; round++)
{
    double Time(Action train)
    {
        long start = Stopwatch.GetTimestamp();
        train();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    double irisMs = Time(() => new AotIrisNet(seed: 42).Fit(iris, epochs: 100, batchSize: 32, optimizer: new Adam(0.01f), seed: 42, verbose: 0));
    double digitsMs = Time(() => new AotDigitsNet(seed: 42).Fit(digits, epochs: 30, batchSize: 32, optimizer: new Adam(0.001f), seed: 42, verbose: 0));
    double wineMs = Time(() => new AotWineNet(seed: 42).Fit(wine, epochs: 2000, batchSize: 32, optimizer: new Adam(0.01f), seed: 42, verbose: 0));
    Console.WriteLine($"round {round}: iris {irisMs:F2} ms, digits {digitsMs:F1} ms, wine {wineMs:F0} ms");
}

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[Dense(10, Activation.ReLU)]
[Dense(10, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class AotIrisNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
internal sealed partial class AotDigitsNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(13)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class AotWineNet;
