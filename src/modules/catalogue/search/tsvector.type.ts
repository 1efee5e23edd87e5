import { Type } from '@mikro-orm/core';

/**
 * A tsvector column written as tsvector input text (`'举报':1A '电话':2A`), as the segmenter makes
 * it. MikroORM maps a `tsvector` column type to its FullTextType, which wraps every written value
 * in `to_tsvector('simple', …)`: that parses the literal again as plain text, dropping the weights
 * and positions and adding the position marks as words ('1a'). This type passes the text through;
 * PostgreSQL reads it as a tsvector literal.
 */
export class TsVectorType extends Type<string | null | undefined, string | null | undefined> {
  getColumnType(): string {
    return 'tsvector';
  }

  convertToDatabaseValue(value: string | null | undefined): string | null | undefined {
    return value;
  }

  convertToJSValue(value: string | null | undefined): string | null | undefined {
    return value;
  }

  compareAsType(): string {
    return 'string';
  }
}
