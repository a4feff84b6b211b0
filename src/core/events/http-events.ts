/**
 * HTTP-shaped test events: API Gateway HTTP API (payload 2.0), REST API proxy (payload 1.0) and
 * Lambda function URLs. Our own values, checked in templates.test.ts against real samples' keys
 * and value types. Times are 2025-03-10T12:00:00Z; `freshenEvent` replaces them.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda'
import { SampleAccount } from './types'

const { Region, AccountId } = SampleAccount
const httpApiId = 'r3pmxmplak'
const httpApiHost = `${httpApiId}.execute-api.${Region}.amazonaws.com`
const clientIp = '203.0.113.24'
const curl = 'curl/8.5.0'

/** Headers API Gateway adds to every request before it reaches the function. */
const httpApiHeaders = {
  host: httpApiHost,
  'user-agent': curl,
  'x-amzn-trace-id': 'Root=1-67ced4c0-3f1c2a8b9d0e4f5a6b7c8d9e',
  'x-forwarded-for': clientIp,
  'x-forwarded-port': '443',
  'x-forwarded-proto': 'https',
}

/** HTTP API, payload 2.0: `GET /items?limit=10&color=red&color=blue`. */
export const httpApiGet = {
  version: '2.0',
  routeKey: 'GET /items',
  rawPath: '/items',
  // Repeated query parameters arrive comma-joined in queryStringParameters, as in the real event.
  rawQueryString: 'limit=10&color=red&color=blue',
  headers: { accept: 'application/json', 'content-length': '0', ...httpApiHeaders },
  queryStringParameters: { limit: '10', color: 'red,blue' },
  requestContext: {
    accountId: AccountId,
    apiId: httpApiId,
    domainName: httpApiHost,
    domainPrefix: httpApiId,
    http: {
      method: 'GET',
      path: '/items',
      protocol: 'HTTP/1.1',
      sourceIp: clientIp,
      userAgent: curl,
    },
    requestId: 'UK3yJj1PIAMEVqw=',
    routeKey: 'GET /items',
    stage: '$default',
    time: '10/Mar/2025:12:00:00 +0000',
    timeEpoch: 1741608000000,
  },
  isBase64Encoded: false,
} satisfies APIGatewayProxyEventV2

const orderBody = '{"sku":"TSHIRT-RED-M","quantity":2}'

/** HTTP API, payload 2.0: `POST /orders` with a JSON body. */
export const httpApiPost = {
  version: '2.0',
  routeKey: 'POST /orders',
  rawPath: '/orders',
  rawQueryString: '',
  headers: {
    accept: 'application/json',
    'content-length': String(orderBody.length),
    'content-type': 'application/json',
    ...httpApiHeaders,
  },
  requestContext: {
    ...httpApiGet.requestContext,
    http: {
      method: 'POST',
      path: '/orders',
      protocol: 'HTTP/1.1',
      sourceIp: clientIp,
      userAgent: curl,
    },
    requestId: 'UK3yJhRDoAMEbRQ=',
    routeKey: 'POST /orders',
  },
  body: orderBody,
  isBase64Encoded: false,
} satisfies APIGatewayProxyEventV2

const restApiId = 'a1b2c3d4e5'
const restApiHost = `${restApiId}.execute-api.${Region}.amazonaws.com`
const restHeaders = {
  Accept: 'application/json',
  'Content-Type': 'application/json',
  Host: restApiHost,
  'User-Agent': curl,
  'X-Amzn-Trace-Id': 'Root=1-67ced4c0-5e6f7a8b9c0d1e2f3a4b5c6d',
  'X-Forwarded-For': clientIp,
  'X-Forwarded-Port': '443',
  'X-Forwarded-Proto': 'https',
}
const restBody = '{"sku":"MUG-BLUE","quantity":1}'

/** REST API proxy integration (payload 1.0): `POST /dev/orders/ord-1001/items?notify=true`. */
export const restApiProxy = {
  resource: '/orders/{orderId}/items',
  path: '/orders/ord-1001/items',
  httpMethod: 'POST',
  headers: restHeaders,
  // Payload 1.0 repeats every header and query parameter as a list.
  multiValueHeaders: Object.fromEntries(Object.entries(restHeaders).map(([k, v]) => [k, [v]])),
  queryStringParameters: { notify: 'true' },
  multiValueQueryStringParameters: { notify: ['true'] },
  pathParameters: { orderId: 'ord-1001' },
  stageVariables: { tableName: 'orders-dev' },
  requestContext: {
    accountId: AccountId,
    resourceId: 'k2mxmp',
    path: '/dev/orders/ord-1001/items',
    stage: 'dev',
    domainName: restApiHost,
    domainPrefix: restApiId,
    requestId: '0c59f076-4c1d-4f6a-9936-f97f8af7e70b',
    extendedRequestId: 'HbUrEFRtoAMEdLw=',
    protocol: 'HTTP/1.1',
    // A caller that used no IAM, Cognito, API key or mutual TLS: API Gateway sends null for those.
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      apiKey: null,
      apiKeyId: null,
      accessKey: null,
      sourceIp: clientIp,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: curl,
      user: null,
      clientCert: null,
      principalOrgId: null,
    },
    resourcePath: '/orders/{orderId}/items',
    httpMethod: 'POST',
    requestTime: '10/Mar/2025:12:00:00 +0000',
    requestTimeEpoch: 1741608000000,
    apiId: restApiId,
  },
  body: restBody,
  isBase64Encoded: false,
} satisfies Omit<APIGatewayProxyEvent, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEvent['requestContext'], 'authorizer'>
}

const urlId = 'a5r7mxmpl4ak2yn3ep2vnvlhpe0ulxxb'
const urlHost = `${urlId}.lambda-url.${Region}.on.aws`
const signupBody = '{"email":"ana@example.com","plan":"free"}'

/** Function URL (auth type NONE): `POST /signup?ref=newsletter`, cookies and a JSON body. */
export const functionUrl = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/signup',
  rawQueryString: 'ref=newsletter',
  cookies: ['session=8c1f0e2a', 'theme=dark'],
  headers: {
    accept: '*/*',
    'content-length': String(signupBody.length),
    'content-type': 'application/json',
    host: urlHost,
    'user-agent': curl,
    'x-amzn-trace-id': 'Root=1-67ced4c0-7a8b9c0d1e2f3a4b5c6d7e8f',
    'x-forwarded-for': clientIp,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  },
  queryStringParameters: { ref: 'newsletter' },
  requestContext: {
    accountId: AccountId,
    apiId: urlId,
    domainName: urlHost,
    domainPrefix: urlId,
    http: {
      method: 'POST',
      path: '/signup',
      protocol: 'HTTP/1.1',
      sourceIp: clientIp,
      userAgent: curl,
    },
    requestId: '2f1c8e7a-3b9d-4c5e-8f6a-1d2e3f4a5b6c',
    routeKey: '$default',
    stage: '$default',
    time: '10/Mar/2025:12:00:00 +0000',
    timeEpoch: 1741608000000,
  },
  body: signupBody,
  isBase64Encoded: false,
} satisfies APIGatewayProxyEventV2
