import { openApiComponents, requestSchemas, responseSchemas } from './openapi.js';

describe('the contract as OpenAPI components', () => {
  const components = openApiComponents();

  it('has every request and response schema, as OpenAPI 3.0 schema objects', () => {
    expect(Object.keys(components).sort()).toEqual(
      [...Object.keys(requestSchemas), ...Object.keys(responseSchemas)].sort(),
    );
    const text = JSON.stringify(components);
    expect(text).not.toContain('"$id"');
    expect(text).not.toContain('"$schema"');
    // Every reference points at a component of the document.
    for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(Object.keys(components)).toContain(ref);
  });

  it('describes requests as the client sends them and answers as the server sends them', () => {
    const create = components.CreateCampaignBody as { required: string[]; properties: Record<string, object> };
    expect(create.required).toEqual(['title']); // access and status have defaults
    const campaign = components.Campaign as { required: string[]; additionalProperties: boolean };
    expect(campaign.required).toContain('url');
    expect(campaign.additionalProperties).toBe(false);
    const token = components.TokenRequestBody as { properties: Record<string, { type?: string }> };
    expect(token.properties.label?.type).toBe('string'); // the transform's input, not its output
  });
});
