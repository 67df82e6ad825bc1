// Overfitting and what regularisation does about it (the Keras primer's question): a wide network on a small training
// set, trained without and with L2 weight decay and dropout. Each epoch prints Keras's line, training loss and accuracy
// as measured during the epoch (dropout active, penalty included) and val_ ones on the held-out samples; at the end both
// sets are evaluated in inference mode and the gaps printed.
using System.Globalization;
using Samples.Overfitting;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Epochs = 200;
bool quiet = args.Contains("--quiet");

var (train, validation) = Experiment.Data(Path.Combine(AppContext.BaseDirectory, "breast_cancer.csv"));
Console.WriteLine($"Training on {train.Count} samples, validating on {validation.Count}; {Epochs} epochs each.");
Console.WriteLine();

var outcomes = new List<Outcome>();
foreach (var (network, name) in new (INetwork, string)[] { (new WideNet(Experiment.Seed), "without regularisation"), (new RegularizedWideNet(Experiment.Seed), "with L2 1e-3 and dropout 0.5") })
{
    Console.WriteLine($"== {network.GetType().Name}, {name}: {network.ParameterCount:N0} parameters");
    var log = new StringWriter();
    Outcome outcome = Experiment.Run(network, name, train, validation, Epochs, log);
    string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    foreach (string line in quiet ? lines.Where((_, i) => (i + 1) % 50 == 0) : lines)
    {
        Console.WriteLine(line.TrimEnd());
    }

    outcomes.Add(outcome);
    Console.WriteLine();
}

Console.WriteLine("After training, both sets in inference mode:");
Console.WriteLine($"{"",-32}{"train loss",12}{"val loss",10}{"gap",8}{"train acc",12}{"val acc",9}{"gap",8}");
foreach (Outcome o in outcomes)
{
    Console.WriteLine($"{o.Name,-32}{o.Train.Loss,12:F4}{o.Validation.Loss,10:F4}{o.LossGap,8:F4}{o.Train.Accuracy,12:F4}{o.Validation.Accuracy,9:F4}{o.AccuracyGap,8:F4}");
}
