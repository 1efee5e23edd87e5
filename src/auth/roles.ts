import { registerEnumType } from 'type-graphql';

/** Roles of DESIGN.md section 2. */
export enum Role {
  CENTRAL_ADMIN = 'CENTRAL_ADMIN',
  OFFICE_ADMIN = 'OFFICE_ADMIN',
  OFFICE_PUBLISHER = 'OFFICE_PUBLISHER',
  DIVISION_PUBLISHER = 'DIVISION_PUBLISHER',
  LEGAL_REVIEWER = 'LEGAL_REVIEWER',
  SECRECY_REVIEWER = 'SECRECY_REVIEWER',
  LIAISON = 'LIAISON',
  INSPECTOR = 'INSPECTOR',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'A role held over an org unit (and optionally its subtree).',
  valuesConfig: {
    CENTRAL_ADMIN: { description: '海关总署管理员: everything' },
    OFFICE_ADMIN: { description: '政务公开办公室管理员: units, users, roles, liaisons, acceptance in scope' },
    OFFICE_PUBLISHER: { description: '关级发布: office-level items in scope and division-level ones below' },
    DIVISION_PUBLISHER: { description: '处级发布: division-level items of its own division' },
    LEGAL_REVIEWER: { description: '法规处审核' },
    SECRECY_REVIEWER: { description: '保密审查' },
    LIAISON: { description: '联络员: drafts items and statistics for its unit' },
    INSPECTOR: { description: '监察室 / 执法监督: scores inspections in scope' },
  },
});

/** Roles that make a caller "staff" of a unit (every role is). */
export const STAFF_ROLES: readonly Role[] = Object.values(Role);
