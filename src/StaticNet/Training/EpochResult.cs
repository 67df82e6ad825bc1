using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>What one epoch of <see cref="NetworkTraining.Fit"/> measured.</summary>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="Epochs">The number of epochs asked for.</param>
/// <param name="Loss">The mean training loss over the epoch's samples (as the model changed during the epoch, as Keras reports it).</param>
/// <param name="Accuracy">The mean training accuracy over the epoch, or null when the loss has none.</param>
/// <param name="ValidationLoss">The loss on the validation data after the epoch, if any.</param>
/// <param name="ValidationAccuracy">The accuracy on the validation data after the epoch, if any.</param>
public sealed record EpochResult(int Epoch, int Epochs, double Loss, double? Accuracy, double? ValidationLoss, double? ValidationAccuracy)
{
    /// <summary>The Keras-style log line, e.g. <c>Epoch 7/100 - loss: 0.4213 - accuracy: 0.8750</c>.</summary>
    public override string ToString()
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"Epoch {Epoch}/{Epochs} - loss: {Loss:F4}");
        if (Accuracy is double accuracy)
        {
            line.Append(CultureInfo.InvariantCulture, $" - accuracy: {accuracy:F4}");
        }

        if (ValidationLoss is double validationLoss)
        {
            line.Append(CultureInfo.InvariantCulture, $" - val_loss: {validationLoss:F4}");
        }

        if (ValidationAccuracy is double validationAccuracy)
        {
            line.Append(CultureInfo.InvariantCulture, $" - val_accuracy: {validationAccuracy:F4}");
        }

        return line.ToString();
    }
}

/// <summary>The loss and accuracy of a network on a dataset.</summary>
/// <param name="Loss">The mean loss over the samples.</param>
/// <param name="Accuracy">The mean accuracy, or null when the loss has none.</param>
public readonly record struct Evaluation(double Loss, double? Accuracy);
