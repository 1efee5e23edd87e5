import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';

/** Adds `extensions.redactions` (one `{ path, reason }` per redacted field) to responses. */
export const redactionsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !contextValue.redactions.length) return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, redactions: contextValue.redactions };
      },
    };
  },
};
