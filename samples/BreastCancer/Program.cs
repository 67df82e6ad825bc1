// Binary classification with class weights, early stopping, and metrics beyond accuracy (the Keras primer's question:
// how good is a classifier whose mistakes are not all alike?). Writes its pictures to the current folder, or to the
// folder given as the first argument.
using System.Globalization;
using Samples.BreastCancer;
using StaticNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
BreastCancerOutcome o = BreastCancerExample.Run(Path.Combine(AppContext.BaseDirectory, "breast_cancer.csv"), output, Console.Out, verbose: 1);

Console.WriteLine();
Console.WriteLine($"Class weights (balanced): benign {o.ClassWeights[0]:F3}, malignant {o.ClassWeights[1]:F3}");
Console.WriteLine($"Best epoch {o.Stopping.BestEpoch} of {o.History.Count} (val_loss {o.Stopping.Best:F4}); its weights are the ones kept.");
Console.WriteLine();
Console.WriteLine("Test set:");
Console.WriteLine($"  loss {o.Test.Loss:F4}  accuracy {o.Test["accuracy"]:F4}  precision {o.Test["precision"]:F4}  recall {o.Test["recall"]:F4}  F1 {o.Test["f1_score"]:F4}  ROC AUC {o.Test["auc"]:F4}");
Console.WriteLine();
Console.WriteLine("Confusion matrix (rows true benign, malignant; columns predicted):");
Console.WriteLine(o.TestMatrix);
Console.WriteLine();
Console.WriteLine(o.Report);
Console.WriteLine($"Learning curves: {o.LearningCurves}");
Console.WriteLine($"Confusion matrix: {o.ConfusionPicture}");
