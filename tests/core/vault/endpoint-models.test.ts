import { describe, expect, it } from 'vitest';
import { parseModelList } from '../../../electron/core/vault/endpoint-models';

describe('parseModelList', () => {
  it('reads OpenAI-style and Ollama-style lists, sorted and de-duplicated', () => {
    expect(parseModelList('{"object":"list","data":[{"id":"b"},{"id":"a"},{"id":"a"}]}')).toEqual(['a', 'b']);
    expect(parseModelList('{"models":[{"name":"llama3:8b"},{"name":"qwen2"}]}')).toEqual(['llama3:8b', 'qwen2']);
  });

  it('says null for anything that is not a model list', () => {
    for (const body of ['<html>', '[]', '{"data":5}', '{}', 'null']) expect(parseModelList(body)).toBeNull();
  });
});
