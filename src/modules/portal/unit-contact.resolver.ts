import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { OrgUnit } from '../organisation';
import { UnitContact } from './unit-contact.entity';
import { UpdateUnitContactInput } from './unit-contact.inputs';
import { unitContactLoader, UnitContactService } from './unit-contact.service';

@Resolver(() => OrgUnit)
export class UnitContactResolver {
  @FieldResolver(() => UnitContact, { description: 'Public contact directory (地址, 邮编, 办公时间, 网站, 邮箱, 电话); empty fields while none is published.' })
  contact(@Root() unit: OrgUnit, @Ctx() ctx: Context): Promise<UnitContact> {
    return unitContactLoader(ctx).load(unit.id);
  }

  @Mutation(() => OrgUnit, { description: 'Changes a unit’s contact directory (OFFICE_ADMIN over the unit), with a version check; audited.' })
  updateUnitContact(@Ctx() ctx: Context, @Arg('input', () => UpdateUnitContactInput) input: UpdateUnitContactInput): Promise<OrgUnit> {
    return new UnitContactService(ctx).update(input);
  }
}
