/** Messages of the transport (src/graphql, src/auth throttling, outages): Chinese. */
export const transportZhCN = {
  syntaxError: '语法错误',
  subscriptionsOnly: 'WebSocket 只用于订阅：查询和变更请通过 HTTP 发送',
  badWalPosition: '{{header}} 请求头必须是先前响应 extensions.walPosition 给出的 WAL 位置（如 16/B374D848）',
  unavailable: '服务暂时不可用，请稍后重试',
  internal: '服务器内部错误',
  tooManyLogins: '登录失败次数过多，请稍后再试',
  tooManyRequests: '来自您地址的请求过多，请在 {{seconds}} 秒后重试',
  bodyTooLarge: '请求体超过 {{limit}}',
  unsupportedMediaType: '不支持的内容类型、字符集或编码（请以 UTF-8 发送 application/json）',
  malformed: '请求格式有误',
  requiresRole: '需要以下角色之一：{{roles}}',
} as const;
