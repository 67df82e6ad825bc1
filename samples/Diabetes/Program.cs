// Regression with MAE, RMSE and R², early stopping and a learning rate that halves on plateaus, beside scikit-learn's
// linear regression on the same split. Writes its learning curves to the current folder, or the folder given.
using System.Globalization;
using Samples.Diabetes;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
DiabetesOutcome o = DiabetesExample.Run(AppContext.BaseDirectory, output, Console.Out, verbose: 1);

Console.WriteLine();
Console.WriteLine($"Trained {o.History.Count} epochs (early stopping restored the best).");
Console.WriteLine("Test set (89 patients), in the target's units:");
Console.WriteLine($"{"",-38}{"MAE",8}{"RMSE",8}{"R²",8}");
Console.WriteLine($"{"StaticNet 10-32-16-1, L2 1e-3",-38}{o.MeanAbsoluteError,8:F2}{o.RootMeanSquaredError,8:F2}{o.R2,8:F4}");
Console.WriteLine($"{"scikit-learn LinearRegression",-38}{DiabetesExample.BaselineMae,8:F2}{DiabetesExample.BaselineRmse,8:F2}{DiabetesExample.BaselineR2,8:F4}");
Console.WriteLine($"Learning curves: {o.LearningCurves}");
