/**
 * The Chinese message catalogue (the default locale), nested by module. Keys are dotted paths
 * (`catalogue.publish.needsSecrecy`); `{{name}}` is a parameter. en.ts must have the same keys
 * (its type and test/i18n/catalogue.test.ts check it). See docs/STYLE.md "Messages".
 */
export const zhCN = {
  errors: {
    unauthenticated: '需要登录',
    forbidden: '无权执行此操作',
    notFound: '未找到{{what}}',
    invalidInput: '输入有误：{{problems}}',
    invalidToken: '令牌无效或已过期',
    passwordChangeRequired: '请先修改密码：管理员重置的一次性密码须在下次登录时修改',
  },
  entities: {
    User: '用户',
    OrgUnit: '机构',
    'Role assignment': '角色授权',
    DisclosureItem: '公开事项',
    'Disclosure item': '公开事项',
  },
  organisation: {
    grant: {
      notAdminOfUnit: '只有{{unit}}的政务公开办公室管理员可以在该机构授予角色',
      userOutsideScope: '该用户所属机构不在您的管理范围内',
      centralOnly: '只有海关总署管理员可以授予海关总署管理员角色',
      officeAdminBelowOnly: '政务公开办公室管理员角色只能授予您所管理机构的下级机构（{{unit}}不是您管理范围内的下级机构）',
      alreadyHeld: '该用户已在{{unit}}拥有{{role}}角色',
      notInScope: '您在{{unit}}的管理权限不足以授予此角色（级联授权需要您对整个下级范围有管理权限）',
    },
    revoke: {
      centralOnly: '只有海关总署管理员可以撤销海关总署管理员角色',
      notAdminOfUnit: '只有{{unit}}的政务公开办公室管理员可以撤销其{{role}}角色授权',
      alreadyRevoked: '已撤销',
    },
    password: {
      tooShort: '密码至少需要 {{min}} 个字符',
      tooCommon: '密码过于常见，请换一个',
      sameAsCurrent: '新密码不能与当前密码相同',
      wrongCurrent: '当前密码不正确',
      demoOnly: '演示密码只能用于演示用户',
      notAdminOfUser: '只有{{unit}}的政务公开办公室管理员可以重置其用户的密码',
      notYourself: '不能重置自己的密码：请使用修改密码',
    },
    login: { failed: '用户名或密码错误' },
    unitDeactivated: '已停用',
    userDeactivated: '已停用',
    notAUnit: '不是已有的机构',
    notAUser: '不是已有的用户',
  },
  catalogue: {},
} as const;
