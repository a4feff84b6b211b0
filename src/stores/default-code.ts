import type { SourceLanguage } from '../sandboxes/types'

/** The handler a new playground starts with, in each language. */
export const defaultCode: Record<SourceLanguage, string> = {
  javascript: `// Code outside the handler runs once per execution environment: the INIT phase of a cold start.
// Module-level state lives as long as that environment, so warm invocations see it again.
let invocations = 0

/**
 * @param {import('aws-lambda').APIGatewayProxyEventV2} event
 * @param {import('aws-lambda').Context} context
 */
export const handler = async (event, context) => {
  invocations += 1
  console.log('Received event:', JSON.stringify(event))
  return {
    statusCode: 200,
    body: JSON.stringify({
      message: 'Hello from Lambda!',
      invocationsInThisEnvironment: invocations,
      requestId: context.awsRequestId,
    }),
  }
}
`,
  typescript: `import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda'

// Code outside the handler runs once per execution environment: the INIT phase of a cold start.
// Module-level state lives as long as that environment, so warm invocations see it again.
let invocations = 0

export const handler = async (
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> => {
  invocations += 1
  console.log('Received event:', JSON.stringify(event))
  return {
    statusCode: 200,
    body: JSON.stringify({
      message: 'Hello from Lambda!',
      invocationsInThisEnvironment: invocations,
      requestId: context.awsRequestId,
    }),
  }
}
`,
}
