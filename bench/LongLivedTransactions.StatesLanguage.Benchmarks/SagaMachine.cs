namespace LongLivedTransactions.StatesLanguage.Benchmarks;

/// <summary>
/// A saga-shaped machine: ProcessOrder → ProcessPayment → ReserveInventory → Notify → Succeed, each
/// Lambda step with Retry and a Catch into the compensations (ReleaseInventory → ProcessRefund →
/// UpdateOrderStatus → Fail), as the order saga of this repository is built.
/// </summary>
internal static class SagaMachine
{
    public const string Definition = """
        {
          "Comment": "Order saga",
          "StartAt": "ProcessOrder",
          "States": {
            "ProcessOrder": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "NewOrder", "Payload.$": "$" },
              "OutputPath": "$.Payload", "TimeoutSeconds": 10,
              "Retry": [ { "ErrorEquals": [ "Lambda.ServiceException", "Lambda.TooManyRequestsException" ], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 } ],
              "Catch": [ { "ErrorEquals": [ "ErrProcessOrder" ], "ResultPath": "$.error", "Next": "UpdateOrderStatus" },
                         { "ErrorEquals": [ "States.ALL" ], "ResultPath": "$.error", "Next": "UpdateOrderStatus" } ],
              "Next": "ProcessPayment"
            },
            "ProcessPayment": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "DebitPayment", "Payload.$": "$" },
              "OutputPath": "$.Payload", "TimeoutSeconds": 10,
              "Retry": [ { "ErrorEquals": [ "Lambda.ServiceException", "Lambda.TooManyRequestsException" ], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 } ],
              "Catch": [ { "ErrorEquals": [ "ErrProcessPayment" ], "ResultPath": "$.error", "Next": "ProcessRefund" },
                         { "ErrorEquals": [ "States.ALL" ], "ResultPath": "$.error", "Next": "ProcessRefund" } ],
              "Next": "ReserveInventory"
            },
            "ReserveInventory": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "ReserveInventory", "Payload.$": "$" },
              "OutputPath": "$.Payload", "TimeoutSeconds": 10,
              "Retry": [ { "ErrorEquals": [ "Lambda.ServiceException", "Lambda.TooManyRequestsException" ], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 } ],
              "Catch": [ { "ErrorEquals": [ "ErrReserveInventory" ], "ResultPath": "$.error", "Next": "ReleaseInventory" },
                         { "ErrorEquals": [ "States.ALL" ], "ResultPath": "$.error", "Next": "ReleaseInventory" } ],
              "Next": "Notify"
            },
            "Notify": {
              "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": { "TopicArn": "arn:aws:sns:us-east-1:111111111111:orders", "Message.$": "$" },
              "ResultPath": null,
              "Next": "Succeed"
            },
            "Succeed": { "Type": "Succeed" },
            "ReleaseInventory": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "ReleaseInventory", "Payload.$": "$" },
              "ResultPath": null, "Next": "ProcessRefund"
            },
            "ProcessRefund": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "RefundPayment", "Payload.$": "$" },
              "ResultPath": null, "Next": "UpdateOrderStatus"
            },
            "UpdateOrderStatus": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "UpdateOrder", "Payload.$": "$" },
              "ResultPath": null, "Next": "Fail"
            },
            "Fail": { "Type": "Fail", "Error": "OrderFailed", "Cause": "The order saga ran its compensations." }
          }
        }
        """;

    public const string Input = """
        {"order_id":"2c2bd9c8-9f3e-4b1a-8a55-6c1f0d3c2a11","customer_id":"c-1","items":["sku-1","sku-2"],"total":42.5,"currency":"EUR"}
        """;
}
