import { CreateTopicCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
} from "@aws-sdk/client-sqs";
import { localSnsClient, localSqsClient, uniqueName } from "./local-servers.js";

/** Creates a queue on fauxqs (FIFO when `fifo`), returning its URL and ARN. */
export async function createQueue(prefix: string, fifo = false): Promise<{ url: string; arn: string }> {
  const sqs = localSqsClient();
  const name = `${uniqueName(prefix)}${fifo ? ".fifo" : ""}`;
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, ...(fifo ? { Attributes: { FifoQueue: "true" } } : {}) }),
  );
  const url = QueueUrl ?? "";
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  return { url, arn: Attributes?.QueueArn ?? "" };
}

/** Creates a topic and a queue subscribed to it (optionally with a filter policy or raw delivery). */
export async function createSubscribedTopic(
  prefix: string,
  options: { fifo?: boolean; filterPolicy?: Record<string, unknown>; raw?: boolean } = {},
): Promise<{ topicArn: string; queueUrl: string }> {
  const sns = localSnsClient();
  const fifo = options.fifo ?? false;
  const { TopicArn } = await sns.send(
    new CreateTopicCommand({
      Name: `${uniqueName(prefix)}${fifo ? ".fifo" : ""}`,
      ...(fifo ? { Attributes: { FifoTopic: "true" } } : {}),
    }),
  );
  const queue = await createQueue(`${prefix}-sub`, fifo);
  const attributes: Record<string, string> = {};
  if (options.filterPolicy) attributes.FilterPolicy = JSON.stringify(options.filterPolicy);
  if (options.raw) attributes.RawMessageDelivery = "true";
  await sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: "sqs",
      Endpoint: queue.arn,
      Attributes: attributes,
      ReturnSubscriptionArn: true,
    }),
  );
  return { topicArn: TopicArn ?? "", queueUrl: queue.url };
}

/** Receives (and deletes) everything currently in a queue, with all attributes. */
export async function drain(queueUrl: string): Promise<Message[]> {
  const sqs = localSqsClient();
  const messages: Message[] = [];
  for (;;) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
      }),
    );
    if (!Messages || Messages.length === 0) return messages;
    for (const message of Messages) {
      messages.push(message);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}
