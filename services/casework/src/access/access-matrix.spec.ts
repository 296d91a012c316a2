import { ROLES } from '@oioo/auth';
import { API_ROUTES } from '../api/routes';
import { ACCESS_MATRIX } from './access-matrix';

describe('the access matrix', () => {
  it('covers every route of the catalogue and no other', () => {
    expect(Object.keys(ACCESS_MATRIX).sort()).toEqual(API_ROUTES.map((route) => route.operationId).sort());
  });

  it.each(API_ROUTES.map((route) => [route.operationId, route] as const))('%s admits exactly the roles the matrix gives any reach', (operationId, route) => {
    const reaching = ROLES.filter((role) => ACCESS_MATRIX[operationId]?.[role] !== 'none');
    expect([...route.roles].sort()).toEqual([...reaching].sort());
  });
});
