// Microsoft Entra tokens for Azure OpenAI from the managed identity of the host the bot runs on (App Service,
// Functions, Container Apps, a VM or AKS through IMDS, Azure Arc…), through MSAL's ManagedIdentityApplication —
// the library the Agents SDK itself uses for the bot's own managed identity. MSAL finds the identity endpoint from
// the environment the platform sets (IDENTITY_ENDPOINT and IDENTITY_HEADER on App Service, IMDS otherwise) and keeps
// each token until shortly before it expires; nothing secret is configured or stored by the bot.
import { ManagedIdentityApplication } from '@azure/msal-node';

/** The Azure AI services resource (Azure OpenAI); tokens are requested for it. */
export const COGNITIVE_SERVICES_RESOURCE = 'https://cognitiveservices.azure.com';

/**
 * A token provider for the openai client's `azureADTokenProvider`: the system-assigned identity, or the
 * user-assigned one with this client id.
 */
export function managedIdentityTokenProvider(clientId?: string): () => Promise<string> {
  const app = new ManagedIdentityApplication(clientId ? { managedIdentityIdParams: { userAssignedClientId: clientId } } : {});
  return async () => {
    const result = await app.acquireToken({ resource: COGNITIVE_SERVICES_RESOURCE });
    return result.accessToken;
  };
}
